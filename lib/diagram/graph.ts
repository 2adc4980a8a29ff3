/**
 * The diagram as data: nodes in nested groups (cloud > Region or hub; data centre), edges
 * between nodes, and the state a failure scenario gives each element. The renderers
 * (DOT for SVG, Mermaid for Markdown) only draw this; tests check its structure.
 */

/** What a node stands for; renderers choose its shape and colour from it. */
export type DiagramNodeKind =
  | 'population'
  | 'internet'
  | 'access-tier'
  | 'transit'
  | 'data-centre'
  | 'network'
  | 'carrier';

/** What a scenario does to an element. */
export type DiagramState =
  /** Untouched by the failure (or no failure drawn). */
  | 'up'
  /** Lost with the failure: drawn grey. */
  | 'lost'
  /** Still there with less capacity (a zone of the tier is lost). */
  | 'degraded';

export interface DiagramNode {
  /** Stable identifier, unique in the diagram: `tier:aws-tokyo`, `network:my-number`. */
  readonly id: string;
  readonly kind: DiagramNodeKind;
  /** Lines of the label, first line the name. */
  readonly label: readonly string[];
  /** The group the node is drawn in, if any. */
  readonly group?: string;
  readonly state: DiagramState;
  /** A protected segment: reachable by no remote or carrier source. */
  readonly protected?: boolean;
  /** The synthesized artifacts disagree with the plan for this node. */
  readonly mismatch?: boolean;
}

/** What an edge stands for. */
export type DiagramEdgeKind =
  /** Users reaching a concentrator over the internet. */
  | 'access'
  /** A concentrator attached to its Region's transit or hub. */
  | 'attachment'
  /** A data-centre link (prefectural network VPN, Site-to-Site VPN, Direct Connect, ExpressRoute). */
  | 'link'
  /** A carrier's closed mobile network landing in a cloud. */
  | 'carrier-landing'
  /** A population or carrier network may reach a named network (authorization, not a path). */
  | 'reach'
  /** A network hosted at a data centre. */
  | 'hosts';

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: DiagramEdgeKind;
  readonly label?: string;
  readonly state: DiagramState;
}

export interface DiagramGroup {
  readonly id: string;
  readonly label: string;
  /** The enclosing group, if nested (a Region inside its cloud). */
  readonly parent?: string;
  readonly state: DiagramState;
}

export interface DiagramGraph {
  readonly title: string;
  /** Lines under the title: target, scenario verdict, where the figures come from. */
  readonly subtitle: readonly string[];
  readonly groups: readonly DiagramGroup[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}
