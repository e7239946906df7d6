/**
 * The report view's style: VS Code's theme variables only (light, dark and high contrast
 * follow the workbench), a layout that fits a half-width panel (~600 px) and folds the
 * tables' less important columns below that.
 */
export const SIMULATION_STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 14px 28px; line-height: 1.4; }
header { display: flex; flex-wrap: wrap; align-items: flex-start; justify-content: space-between; gap: 4px 12px; margin-top: 14px; }
header .heading { min-width: 0; flex: 1 1 260px; }
h1 { font-size: 1.3em; margin: 0 0 2px; font-weight: 600; }
.meta .fact { white-space: nowrap; }
h2 { font-size: 1.05em; margin: 22px 0 8px; font-weight: 600; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); padding-bottom: 3px; }
h2 .count { font-weight: normal; color: var(--vscode-descriptionForeground); font-size: .9em; margin-left: 6px; }
.meta { color: var(--vscode-descriptionForeground); }
.meta .file { font-family: var(--vscode-editor-font-family); }
.muted { color: var(--vscode-descriptionForeground); font-weight: normal; }
a { color: var(--vscode-textLink-foreground); text-decoration: none; } a:hover { text-decoration: underline; color: var(--vscode-textLink-activeForeground); }
code, .code { font-family: var(--vscode-editor-font-family); font-size: .92em; }
.code { background: var(--vscode-textCodeBlock-background, rgba(128,128,128,.15)); border-radius: 3px; padding: 0 4px; }
button { font-family: inherit; font-size: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 3px 10px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:focus-visible, select:focus-visible, a:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
button.link { background: none; border: none; padding: 0; color: var(--vscode-textLink-foreground); }
button.link:hover { text-decoration: underline; background: none; }
button.more { display: block; margin: 8px 0 0; }
button.more, button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button.more:hover, button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
button.more .muted { color: inherit; opacity: .75; }
select { font-family: inherit; font-size: inherit; color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background); border: 1px solid var(--vscode-dropdown-border, transparent); padding: 2px 4px; max-width: 100%; }
.banner { border-left: 3px solid var(--vscode-editorInfo-foreground, #3794ff); background: var(--vscode-textBlockQuote-background, rgba(128,128,128,.1)); padding: 6px 10px; margin: 12px 0; }
.banner.error { border-left-color: var(--vscode-editorError-foreground, #f14c4c); }
.banner.warning { border-left-color: var(--vscode-editorWarning-foreground, #cca700); }
.incomplete { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: var(--vscode-editorWarning-foreground, #cca700); }
.note { color: var(--vscode-descriptionForeground); margin: 6px 0; font-size: .92em; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
.card { border: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); border-left: 3px solid var(--vscode-editorWarning-foreground, #cca700); border-radius: 3px; padding: 6px 10px; background: var(--vscode-editorWidget-background, transparent); min-width: 0; }
.card .message { margin: 3px 0; overflow-wrap: anywhere; }
.fix .label { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: var(--vscode-descriptionForeground); margin-right: 4px; }
.alias { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 6px; }
.alias label { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; min-width: 0; }
.alias.done { color: var(--vscode-testing-iconPassed, #388a34); display: block; }
.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(128px, 1fr)); gap: 8px; }
.stat { border: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); border-radius: 3px; padding: 6px 8px; min-width: 0; }
.stat-label { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: var(--vscode-descriptionForeground); }
.stat-value { font-size: 1.35em; font-weight: 600; font-variant-numeric: tabular-nums; }
.stat-detail { font-size: .85em; color: var(--vscode-descriptionForeground); overflow-wrap: anywhere; }
#funnel { width: 100%; overflow: hidden; }
svg.funnel { display: block; }
svg.funnel text { font-family: var(--vscode-font-family); font-size: 12.5px; fill: var(--vscode-foreground); }
svg.funnel text.figures { fill: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
svg.funnel .track { fill: rgba(128,128,128,.13); }
.reached { fill: var(--vscode-charts-blue, #3794ff); fill-opacity: .35; background: var(--vscode-charts-blue, #3794ff); opacity: .55; }
.advanced { fill: var(--vscode-charts-blue, #3794ff); background: var(--vscode-charts-blue, #3794ff); }
.won-bar { fill: var(--vscode-charts-green, #388a34); background: var(--vscode-charts-green, #388a34); }
svg.funnel .reached, svg.funnel .advanced, svg.funnel .won-bar { opacity: 1; }
.legend { font-size: .85em; color: var(--vscode-descriptionForeground); margin-top: 4px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 10px; vertical-align: -1px; }
.swatch:first-child { margin-left: 0; }
.table-wrap { overflow-x: auto; }
table.numbers { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.numbers th, table.numbers td { padding: 3px 6px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.25)); white-space: nowrap; }
table.numbers thead th { font-weight: 600; color: var(--vscode-descriptionForeground); font-size: .88em; text-align: right; }
table.numbers td { text-align: right; }
table.numbers th[scope=row], table.numbers thead th:first-child { text-align: left; white-space: normal; overflow-wrap: anywhere; font-weight: 600; }
table.numbers tbody.totals th { font-weight: normal; color: var(--vscode-descriptionForeground); }
table.numbers tbody.totals tr:first-child > * { border-top: 2px solid var(--vscode-panel-border, rgba(128,128,128,.35)); }
ul.plain { padding-left: 18px; margin: 4px 0; }
.groups { display: grid; gap: 6px; }
details.group { border: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); border-left: 3px solid var(--vscode-editorError-foreground, #f14c4c); border-radius: 3px; padding: 4px 10px; }
details.group.warning { border-left-color: var(--vscode-editorWarning-foreground, #cca700); }
details.group > summary { cursor: pointer; padding: 2px 0; }
details.group > summary .count { color: var(--vscode-descriptionForeground); margin-left: 4px; }
ul.deals { list-style: none; padding: 0; margin: 4px 0 0; }
li.deal { padding: 5px 0; border-top: 1px solid var(--vscode-panel-border, rgba(128,128,128,.2)); min-width: 0; }
.deal-head { display: flex; flex-wrap: wrap; gap: 2px 8px; align-items: baseline; }
.deal-name { font-weight: 600; }
.rows { font-size: .88em; color: var(--vscode-descriptionForeground); }
.rows a { margin-right: 2px; }
.deal-summary { font-size: .9em; }
ul.messages { margin: 2px 0 0; padding-left: 16px; }
ul.messages li { overflow-wrap: anywhere; }
.date { font-family: var(--vscode-editor-font-family); font-size: .9em; color: var(--vscode-descriptionForeground); margin-right: 2px; }
@media (max-width: 520px) {
  table.numbers .fold { display: none; }
  body { padding: 0 8px 20px; }
}
`;
