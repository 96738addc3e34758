export {};
//# sourceMappingURL=plan-view.js.map