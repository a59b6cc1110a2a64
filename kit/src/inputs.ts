import * as core from '@actions/core';
import { ConfigurationError } from './errors.js';

/**
 * Where input values come from. The runner passes them as `INPUT_<NAME>`
 * variables, which `core.getInput` reads; tests hand in a plain map.
 */
export type InputSource = (name: string) => string;

/** Reads inputs the way the runner provides them (trimmed, empty when unset). */
export const actionInputs: InputSource = (name) => core.getInput(name);

/** A source over a plain record, for tests and for local runs. */
export function recordInputs(values: Record<string, string | undefined>): InputSource {
  return (name) => (values[name] ?? '').trim();
}

function fail(name: string, value: string, expected: string): never {
  throw new ConfigurationError(`${name} must be ${expected}, got "${value}"`);
}

/**
 * Typed, validated readers over one input source. Every error names the
 * input, the value it got and the form it expected.
 */
export class Inputs {
  constructor(private readonly source: InputSource) {}

  /** The raw string; empty when the input is unset. */
  string(name: string): string {
    return this.source(name).trim();
  }

  /** A string that must not be empty. */
  required(name: string): string {
    const value = this.string(name);
    if (value === '') throw new ConfigurationError(`${name} is required but was empty`);
    return value;
  }

  /** `true`/`false` (also `True`, `TRUE`, …); empty takes `fallback`. */
  boolean(name: string, fallback: boolean): boolean {
    const value = this.string(name);
    if (value === '') return fallback;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    return fail(name, value, 'true or false');
  }

  /**
   * A finite number in [min, max] (above 0 when `positive`, whole when
   * `integer`); a trailing `%` is allowed when `percent`.
   */
  number(
    name: string,
    options: { min?: number; max?: number; percent?: boolean; positive?: boolean; integer?: boolean } = {},
  ): number | undefined {
    const raw = this.string(name);
    if (raw === '') return undefined;
    const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY, percent = false, positive = false, integer = false } = options;
    const text = percent && raw.endsWith('%') ? raw.slice(0, -1).trim() : raw;
    const value = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(value) || value < min || value > max || (positive && value <= 0) || (integer && !Number.isInteger(value))) {
      return fail(name, raw, describeRange(min, max, positive, integer));
    }
    return value;
  }

  /** One of `allowed`; empty takes `fallback`. */
  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.string(name);
    if (value === '') return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return fail(name, value, `one of ${allowed.join(', ')}`);
  }

  /** An absolute http(s) URL. */
  url(name: string): URL | undefined {
    const value = this.string(name);
    if (value === '') return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return fail(name, value, 'an http(s) URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return fail(name, value, 'an http(s) URL');
    }
    return parsed;
  }

  /** Entries separated by newlines (and commas when `commas`), blanks dropped. */
  list(name: string, options: { commas?: boolean } = {}): string[] {
    const splitter = options.commas ? /[\n,]/ : /\n/;
    return this.string(name)
      .split(splitter)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
  }

  /**
   * Parsed YAML (or JSON); undefined when empty. The parser is loaded on first
   * use, so actions without YAML inputs do not pay for it at start-up.
   */
  async yaml(name: string): Promise<unknown> {
    const value = this.string(name);
    if (value === '') return undefined;
    const { parse } = await import('yaml');
    try {
      return parse(value);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new ConfigurationError(`${name} is not valid YAML: ${reason}`);
    }
  }

  /**
   * Command-line arguments in one string, split like a POSIX shell does for
   * quotes and backslashes (no expansion of variables or globs).
   */
  args(name: string): string[] {
    const value = this.string(name);
    try {
      return splitArgs(value);
    } catch (error) {
      throw new ConfigurationError(`${name} ${error instanceof Error ? error.message : String(error)}: "${value}"`);
    }
  }
}

function describeRange(min: number, max: number, positive = false, integer = false): string {
  const kind = integer ? 'a whole number' : 'a number';
  if (positive) return Number.isFinite(max) ? `${kind} above 0 and at most ${max}` : `${kind} above 0`;
  if (Number.isFinite(min) && Number.isFinite(max)) return `${kind} from ${min} to ${max}`;
  if (Number.isFinite(min)) return `${kind} of at least ${min}`;
  if (Number.isFinite(max)) return `${kind} of at most ${max}`;
  return kind;
}

/** Splits a command line into arguments, honouring single and double quotes. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let started = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (char === '\\' && i + 1 < text.length) {
      current += text[++i];
      started = true;
    } else if (/\s/.test(char)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (quote) throw new Error(`has an unclosed ${quote} quote`);
  if (started) args.push(current);
  return args;
}
