// For tests only: happy-dom lays nothing out, so a virtualised list would show no rows. This gives the message list's
// scroller a 600 px viewport and every other element the height of one row (60 px), and makes scrolling behave as in
// a browser (scrollTo moves scrollTop and fires `scroll`). Returns the function that puts everything back.
const VIEWPORT = 600;
const ROW = 60;

const isScroller = (el: HTMLElement) => el.classList.contains('vw-chat-list__scroll');

export function fakeListLayout(): () => void {
  const undo: (() => void)[] = [];
  const define = (proto: object, key: string, descriptor: PropertyDescriptor) => {
    const before = Object.getOwnPropertyDescriptor(proto, key);
    Object.defineProperty(proto, key, { configurable: true, ...descriptor });
    undo.push(() => (before ? Object.defineProperty(proto, key, before) : Reflect.deleteProperty(proto, key)));
  };
  const proto = HTMLElement.prototype;
  define(proto, 'offsetHeight', {
    get(this: HTMLElement) {
      return isScroller(this) ? VIEWPORT : ROW;
    },
  });
  define(proto, 'clientHeight', {
    get(this: HTMLElement) {
      return isScroller(this) ? VIEWPORT : ROW;
    },
  });
  define(proto, 'offsetWidth', { get: () => 800 });
  define(proto, 'scrollHeight', {
    get(this: HTMLElement) {
      return isScroller(this) ? Number.parseFloat((this.firstElementChild as HTMLElement | null)?.style.height || '0') : ROW;
    },
  });
  const tops = new WeakMap<Element, number>();
  define(proto, 'scrollTop', {
    get(this: HTMLElement) {
      return tops.get(this) ?? 0;
    },
    set(this: HTMLElement, value: number) {
      tops.set(this, value);
    },
  });
  define(proto, 'scrollTo', {
    writable: true,
    value(this: HTMLElement, options: ScrollToOptions) {
      this.scrollTop = options.top ?? this.scrollTop;
      this.dispatchEvent(new Event('scroll'));
    },
  });
  return () => {
    for (const step of undo.reverse()) step();
  };
}
