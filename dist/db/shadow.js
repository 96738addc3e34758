export {};
//# sourceMappingURL=shadow.js.map