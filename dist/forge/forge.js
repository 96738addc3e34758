export {};
//# sourceMappingURL=forge.js.map