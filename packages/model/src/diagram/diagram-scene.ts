/**
 * The drawing as positioned shapes, before it becomes SVG: what the layout produces, what
 * the SVG writer prints and what tests look at (which card sits where, which connector
 * joins which cards). Coordinates are pixels; a group's children are relative to it.
 */
import type { SourceRange } from './diagram-drawing.js';
import type { TextStyle } from './diagram-text.js';

export type Shape = RectShape | TextShape | PathShape | CircleShape | GroupShape;

export interface RectShape {
    kind: 'rect';
    x: number; y: number; width: number; height: number;
    radius?: number;
    className: string;
}

export interface TextShape {
    kind: 'text';
    /** The left end (or the middle, with `anchor: 'middle'`) of the lines. */
    x: number;
    /** The first line's baseline. */
    y: number;
    lines: string[];
    style: TextStyle;
    className: string;
    anchor?: 'middle';
}

export interface PathShape {
    kind: 'path';
    d: string;
    className: string;
}

export interface CircleShape {
    kind: 'circle';
    cx: number; cy: number; r: number;
    className: string;
}

export interface GroupShape {
    kind: 'group';
    x: number; y: number;
    className: string;
    children: Shape[];
    /** Where the element is written: a click on it goes there. */
    range?: SourceRange;
    /** Shown on hover: what the drawing leaves out (identifiers, aliases, owners). */
    tooltip?: string;
    /** `data-*` attributes, for pages and tests to find elements by. */
    data?: Record<string, string>;
}

/** One card of the flow, in reading order: a stage, or the "Won" end. */
export interface FlowNode {
    kind: 'stage' | 'won';
    /** The stage's name; `Won` for the end. */
    name: string;
    row: number;
    x: number; y: number; width: number; height: number;
}

/** An arrow from one card of the flow to the next. */
export interface Connector {
    /** Indexes into `nodes`. */
    from: number;
    to: number;
    /** The polyline, from the edge of `from` to the arrow's tip on the edge of `to`. */
    points: Array<[number, number]>;
}

export interface PipelineScene {
    width: number;
    height: number;
    /** The playbook's title (else its name): the drawing's accessible name. */
    label: string;
    shapes: Shape[];
    nodes: FlowNode[];
    connectors: Connector[];
    /** How many cards a row of the flow holds. */
    columns: number;
}
