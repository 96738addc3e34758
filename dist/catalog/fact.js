export {};
//# sourceMappingURL=fact.js.map