// html.js: the one place that binds htm to Preact. Screens import html, render and the
// hooks from here, never from vendor/ directly. htm builds elements, never HTML strings:
// text is always a text node, so typed input can never become markup.
import { h, render, Fragment, createContext } from '../vendor/preact.mjs';
import htm from '../vendor/htm.mjs';

export { render, Fragment, createContext };
export {
  useState, useEffect, useRef, useMemo, useCallback, useContext, useReducer, useId,
} from '../vendor/hooks.mjs';
export const html = htm.bind(h);
