// The PromQL that deploy/ ships: every Grafana panel query, and every alert rule's measure (its expression without
// the final threshold comparison), so the live test can ask a real Prometheus that each one returns series.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const DEPLOY_DIR = join(REPO_ROOT, 'deploy');

export interface NamedQuery {
  /** Where it comes from, for failure messages: `api.json › Requests per second by route` or `alert VezaHighErrorRate`. */
  source: string;
  expr: string;
}

interface Panel {
  id: number;
  title: string;
  datasource?: { uid?: string };
  targets?: { expr?: string; datasource?: { uid?: string } }[];
}
export interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
}

export function dashboards(): { file: string; dashboard: Dashboard }[] {
  const dir = join(DEPLOY_DIR, 'grafana', 'dashboards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, dashboard: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Dashboard }));
}

export function panelQueries(): NamedQuery[] {
  return dashboards().flatMap(({ file, dashboard }) =>
    dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => ({ source: `${file} › ${panel.title}`, expr: t.expr ?? '' }))),
  );
}

interface RuleFile {
  groups: { name: string; rules: { alert?: string; record?: string; expr: string }[] }[];
}

export const alertRules = (): { alert: string; expr: string }[] =>
  (parse(readFileSync(join(DEPLOY_DIR, 'prometheus', 'alerts.yml'), 'utf8')) as RuleFile).groups.flatMap((g) =>
    g.rules.map((r) => ({ alert: r.alert ?? r.record ?? '?', expr: r.expr })),
  );

/** `<measure> <op> <number>` at the end of an alert expression. */
const THRESHOLD = /^(.*\S)\s*(?:>=|<=|==|!=|>|<)\s*-?\d+(?:\.\d+)?(?:e-?\d+)?\s*$/s;

/** The alert's expression without its threshold, or null when it has no `<op> <number>` ending. */
export function measureOf(expr: string): string | null {
  const match = THRESHOLD.exec(expr.trim());
  return match?.[1] ?? null;
}

export function alertQueries(): NamedQuery[] {
  return alertRules().map(({ alert, expr }) => ({ source: `alert ${alert}`, expr: measureOf(expr) ?? expr }));
}
