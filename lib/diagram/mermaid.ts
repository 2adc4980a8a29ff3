/**
 * Mermaid flowchart of a diagram, for Markdown (the README, pull-request comments). Same
 * structure as the DOT: nested subgraphs, lost elements grey and dashed, degraded tiers
 * orange, protected segments red.
 */
import type { DiagramEdge, DiagramGraph, DiagramGroup, DiagramNode } from './graph';

/** Mermaid ids allow letters, digits and underscores; keep them readable and unique. */
function idMaker(): (id: string) => string {
  const assigned = new Map<string, string>();
  const used = new Set<string>();
  return (id) => {
    const known = assigned.get(id);
    if (known) return known;
    const base = id.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    assigned.set(id, candidate);
    return candidate;
  };
}

function text(value: string): string {
  return value.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

function nodeLabel(node: DiagramNode): string {
  const lines = node.mismatch ? [...node.label, 'synth differs from plan'] : node.label;
  return `"${lines.map(text).join('<br/>')}"`;
}

function arrow(edge: DiagramEdge): string {
  switch (edge.kind) {
    case 'reach':
      return '-.->';
    case 'hosts':
      return '---';
    case 'link':
      return '<-->';
    default:
      return '-->';
  }
}

export function renderMermaid(graph: DiagramGraph): string {
  const id = idMaker();
  // Front matter is YAML: the title is quoted (it holds a colon).
  const lines: string[] = ['---', `title: ${JSON.stringify(graph.title)}`, '---', 'flowchart LR'];
  for (const line of graph.subtitle) lines.push(`  %% ${line}`);
  const groupIds = new Set(graph.groups.map((g) => g.id));
  const children = (parent: string | undefined) => graph.groups.filter((g) => g.parent === parent);
  const emitNode = (node: DiagramNode, indent: string) =>
    lines.push(`${indent}${id(node.id)}[${nodeLabel(node)}]`);
  const emitGroup = (group: DiagramGroup, indent: string) => {
    const title = group.state === 'lost' ? `${group.label} (LOST)` : group.label;
    lines.push(`${indent}subgraph ${id(group.id)}["${text(title)}"]`);
    for (const node of graph.nodes.filter((n) => n.group === group.id)) emitNode(node, `${indent}  `);
    for (const child of children(group.id)) emitGroup(child, `${indent}  `);
    lines.push(`${indent}end`);
  };
  for (const group of children(undefined)) emitGroup(group, '  ');
  for (const node of graph.nodes.filter((n) => n.group === undefined || !groupIds.has(n.group)))
    emitNode(node, '  ');
  graph.edges.forEach((edge) => {
    const label = edge.label ? `|"${text(edge.label)}"|` : '';
    // Links from the cloud side, so data centres sit right of the Regions (as in the DOT).
    const [tail, head] = edge.kind === 'link' ? [edge.to, edge.from] : [edge.from, edge.to];
    lines.push(`  ${id(tail)} ${arrow(edge)}${label} ${id(head)}`);
  });

  lines.push(
    '  classDef lost fill:#f1f1f1,stroke:#b0b0b0,color:#9a9a9a,stroke-dasharray:5 5',
    '  classDef degraded fill:#fde9d0,stroke:#e37400,stroke-width:2px',
    '  classDef protected fill:#fde7e7,stroke:#c5221f,stroke-width:3px',
    '  classDef mismatch stroke:#c5221f,stroke-width:3px',
  );
  const withClass = (name: string, nodes: readonly DiagramNode[]) => {
    if (nodes.length > 0) lines.push(`  class ${nodes.map((n) => id(n.id)).join(',')} ${name}`);
  };
  withClass(
    'lost',
    graph.nodes.filter((n) => n.state === 'lost'),
  );
  withClass(
    'degraded',
    graph.nodes.filter((n) => n.state === 'degraded'),
  );
  withClass(
    'protected',
    graph.nodes.filter((n) => n.protected && n.state !== 'lost'),
  );
  withClass(
    'mismatch',
    graph.nodes.filter((n) => n.mismatch),
  );
  for (const group of graph.groups.filter((g) => g.state === 'lost'))
    lines.push(`  style ${id(group.id)} fill:#f6f6f6,stroke:#b0b0b0,color:#9a9a9a,stroke-dasharray:5 5`);
  const lostEdges = graph.edges.flatMap((e, i) => (e.state === 'lost' ? [i] : []));
  if (lostEdges.length > 0)
    lines.push(`  linkStyle ${lostEdges.join(',')} stroke:#c0c0c0,stroke-dasharray:4 4`);
  return `${lines.join('\n')}\n`;
}
