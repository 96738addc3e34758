import { describeMainServer } from './major-suite.js';

describeMainServer();
