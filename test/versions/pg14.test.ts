import { describeMajor } from './major-suite.js';

await describeMajor(14);
