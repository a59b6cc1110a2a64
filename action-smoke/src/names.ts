/** Input names, as action.yml declares them. A rename is a breaking change. */
export const Input = {
  Urls: 'urls',
  Checks: 'checks',
  Host: 'host',
  Monitoring: 'monitoring',
  ExpectClosed: 'expect-closed',
  Timeout: 'timeout',
  Interval: 'interval',
  RequestTimeout: 'request-timeout',
  TlsMinDays: 'tls-min-days',
  TlsWarnDays: 'tls-warn-days',
  Name: 'name',
} as const;

/** Output names, as action.yml declares them. */
export const Output = {
  Passed: 'passed',
  Failed: 'failed',
  Report: 'report',
} as const;

export const ACTION_ID = 'action-smoke';

/** The products action-smoke recognises, with the ports of the user's stack. */
export const PRODUCTS = {
  netdata: { label: 'Netdata', port: 19999 },
  'uptime-kuma': { label: 'Uptime Kuma', port: 3002 },
  glances: { label: 'Glances', port: 61208 },
  beszel: { label: 'Beszel hub', port: 8090 },
  'beszel-agent': { label: 'Beszel agent', port: 45876 },
  prometheus: { label: 'Prometheus', port: 9090 },
  grafana: { label: 'Grafana', port: 3003 },
  dokploy: { label: 'Dokploy', port: 3000 },
  postgres: { label: 'PostgreSQL', port: 5432 },
  redis: { label: 'Redis', port: 6379 },
} as const;

export type Product = keyof typeof PRODUCTS;

export const PRODUCT_NAMES = Object.keys(PRODUCTS) as Product[];

export function isProduct(name: string): name is Product {
  return Object.hasOwn(PRODUCTS, name);
}
