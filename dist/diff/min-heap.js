/** A binary heap; `compare` orders items as Array.prototype.sort does, smallest first. */
export class MinHeap {
    compare;
    items = [];
    constructor(compare) {
        this.compare = compare;
    }
    push(item) {
        const items = this.items;
        items.push(item);
        let i = items.length - 1;
        while (i > 0) {
            const p = (i - 1) >> 1;
            if (this.compare(items[i], items[p]) >= 0)
                break;
            [items[i], items[p]] = [items[p], items[i]];
            i = p;
        }
    }
    pop() {
        const items = this.items;
        const top = items[0];
        const last = items.pop();
        if (items.length > 0 && last !== undefined) {
            items[0] = last;
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                const r = l + 1;
                let m = i;
                if (l < items.length && this.compare(items[l], items[m]) < 0)
                    m = l;
                if (r < items.length && this.compare(items[r], items[m]) < 0)
                    m = r;
                if (m === i)
                    break;
                [items[i], items[m]] = [items[m], items[i]];
                i = m;
            }
        }
        return top;
    }
}
//# sourceMappingURL=min-heap.js.map