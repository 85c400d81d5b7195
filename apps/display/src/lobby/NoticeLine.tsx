import { useLayoutEffect, useRef, useState } from 'react';

/** Pixels per second a long notice scrolls at: slow enough to read from across the hall. */
const SCROLL_SPEED = 110;

/** The centre's notice along the bottom of the board; it scrolls when it does not fit. */
export function NoticeLine({ text }: { text: string }) {
  const box = useRef<HTMLElement>(null);
  const words = useRef<HTMLSpanElement>(null);
  const [seconds, setSeconds] = useState<number | null>(null);
  useLayoutEffect(() => {
    const measure = () => {
      const boxWidth = box.current?.clientWidth ?? 0;
      const textWidth = words.current?.scrollWidth ?? 0;
      setSeconds(textWidth > boxWidth ? Math.round(textWidth / SCROLL_SPEED) : null);
    };
    measure();
    void document.fonts?.ready.then(measure);
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [text]);
  if (text.trim() === '') return null;
  return (
    <footer className="notice" ref={box} data-testid="notice" data-scrolling={seconds !== null}>
      <span
        className={seconds === null ? 'notice__track' : 'notice__track notice__track--scrolling'}
        style={seconds === null ? undefined : { animationDuration: `${seconds}s` }}
      >
        <span ref={words} className="notice__text">
          {text}
        </span>
        {seconds !== null && (
          <span className="notice__text" aria-hidden="true">
            {text}
          </span>
        )}
      </span>
    </footer>
  );
}
