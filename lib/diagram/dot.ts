/**
 * Graphviz DOT of a diagram (rendered to SVG offline by lib/diagram/svg.ts). Groups become
 * nested clusters; lost elements are grey and dashed, degraded tiers orange, protected
 * segments red with a heavy border, artifacts that disagree with the plan a red label.
 */
import type { DiagramEdge, DiagramGraph, DiagramGroup, DiagramNode, DiagramNodeKind } from './graph';

/** A DOT double-quoted string. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Multi-line label, centred lines. */
function label(lines: readonly string[]): string {
  return `"${lines.map((l) => l.replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\n')}"`;
}

const SHAPES: Record<DiagramNodeKind, { shape: string; fill: string }> = {
  population: { shape: 'box', fill: '#e8f0fe' },
  internet: { shape: 'ellipse', fill: '#ffffff' },
  'access-tier': { shape: 'box', fill: '#e6f4ea' },
  transit: { shape: 'box', fill: '#fef7e0' },
  'data-centre': { shape: 'box', fill: '#f1f3f4' },
  network: { shape: 'box', fill: '#ffffff' },
  carrier: { shape: 'box', fill: '#f3e8fd' },
};

function nodeAttributes(node: DiagramNode): string {
  const { shape, fill } = SHAPES[node.kind];
  const attributes: string[] = [`label=${label(node.label)}`, `shape=${shape}`];
  if (node.state === 'lost') {
    attributes.push(
      'style="rounded,filled,dashed"',
      'fillcolor="#f1f1f1"',
      'color="#b0b0b0"',
      'fontcolor="#9a9a9a"',
    );
  } else if (node.protected) {
    attributes.push('style="rounded,filled"', 'fillcolor="#fde7e7"', 'color="#c5221f"', 'penwidth=3');
  } else if (node.state === 'degraded') {
    attributes.push('style="rounded,filled"', `fillcolor="#fde9d0"`, 'color="#e37400"', 'penwidth=2');
  } else {
    attributes.push('style="rounded,filled"', `fillcolor="${fill}"`);
  }
  if (node.mismatch) attributes.push('xlabel="synth differs from plan"', 'fontcolor="#c5221f"');
  return attributes.join(', ');
}

function edgeAttributes(edge: DiagramEdge): string {
  const attributes: string[] = [];
  if (edge.label) attributes.push(`label=${quote(edge.label)}`);
  if (edge.kind === 'reach')
    attributes.push('style=dashed', 'color="#9aa0a6"', 'arrowhead=open', 'constraint=false');
  if (edge.kind === 'hosts') attributes.push('arrowhead=none');
  if (edge.kind === 'link') attributes.push('dir=both', 'penwidth=2');
  if (edge.state === 'lost') attributes.push('color="#c0c0c0"', 'fontcolor="#a0a0a0"', 'style=dashed');
  return attributes.length > 0 ? ` [${attributes.join(', ')}]` : '';
}

export function renderDot(graph: DiagramGraph): string {
  const lines: string[] = [
    'digraph tsunagi {',
    '  graph [rankdir=LR, compound=true, fontname="Helvetica", fontsize=12, nodesep=0.3, ranksep=0.9,',
    `         labelloc=t, label=${label([graph.title, ...graph.subtitle])}];`,
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const children = (parent: string | undefined) => graph.groups.filter((g) => g.parent === parent);
  const emitGroup = (group: DiagramGroup, indent: string) => {
    const lost = group.state === 'lost';
    lines.push(`${indent}subgraph ${quote(`cluster_${group.id}`)} {`);
    lines.push(
      `${indent}  label=${quote(lost ? `${group.label} (LOST)` : group.label)}; style="rounded${lost ? ',dashed' : ''}"; color="${lost ? '#b0b0b0' : '#5f6368'}"; fontcolor="${lost ? '#9a9a9a' : '#202124'}";`,
    );
    for (const node of graph.nodes.filter((n) => n.group === group.id))
      lines.push(`${indent}  ${quote(node.id)} [${nodeAttributes(node)}];`);
    for (const child of children(group.id)) emitGroup(child, `${indent}  `);
    lines.push(`${indent}}`);
  };
  for (const group of children(undefined)) emitGroup(group, '  ');
  const groupIds = new Set(graph.groups.map((g) => g.id));
  for (const node of graph.nodes.filter((n) => n.group === undefined || !groupIds.has(n.group)))
    lines.push(`  ${quote(node.id)} [${nodeAttributes(node)}];`);
  for (const edge of graph.edges) {
    // A data-centre link is drawn from the cloud side (dir=both), so data centres rank to the
    // right of the Regions: users -> concentrators -> transit -> data centres -> networks.
    const [tail, head] = edge.kind === 'link' ? [edge.to, edge.from] : [edge.from, edge.to];
    lines.push(`  ${quote(tail)} -> ${quote(head)}${edgeAttributes(edge)};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
