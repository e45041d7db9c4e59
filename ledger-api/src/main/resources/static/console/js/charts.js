// Charts drawn with uPlot (served from the ledger's own WebJar), and the bar of a used limit. Lines differ by dash as
// well as colour, and every chart has its figures in a table beside it.

import {h, number} from './console.js';

const COLOURS = ['#1d4f91', '#b86e00', '#a3161f', '#236b32'];
const HEIGHT = 260;

/** An instant of the API in the seconds uPlot counts. */
export const seconds = text => Date.parse(text) / 1000;

const compact = value => Math.abs(value) >= 1e6 ? (value / 1e6).toLocaleString('en-GB') + ' M'
    : Math.abs(value) >= 1e3 ? (value / 1e3).toLocaleString('en-GB') + ' k' : value.toLocaleString('en-GB');

/**
 * A line chart over time, in UTC: {@code lines} are [{label, values, dash, stepped}]. Drawn once it is on the page,
 * and redrawn to the width it is given.
 */
export function chart(id, title, xs, lines) {
    const area = h('div', {role: 'img', 'aria-label': title + '. Its figures are in the table below it.'});
    const figure = h('figure', {class: 'chart', id, 'data-points': xs.length}, h('figcaption', {}, title), area);
    if (typeof uPlot === 'undefined') {
        area.append(h('p', {class: 'message note'}, 'The chart library did not load; the figures are below.'));
        return figure;
    }
    const options = {
        width: 600, height: HEIGHT,
        tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: {x: {time: true}, y: {range: (u, min, max) => [0, Math.max(1, max * 1.05)]}},
        legend: {live: true},
        series: [{label: 'UTC'}, ...lines.map((line, i) => ({
            label: line.label, stroke: COLOURS[i % COLOURS.length], width: 2, dash: line.dash,
            value: (u, value) => value === null || value === undefined ? '–' : number(value),
            paths: line.stepped ? uPlot.paths.stepped({align: 1}) : undefined
        }))],
        axes: [{}, {size: 70, values: (u, values) => values.map(compact)}]
    };
    const data = [xs, ...lines.map(line => line.values)];
    let plot;
    const draw = () => {
        const width = Math.max(280, area.clientWidth || figure.clientWidth || 600);
        if (!plot) {
            plot = new uPlot({...options, width}, data, area);
        } else if (Math.abs(plot.width - width) > 2) {
            plot.setSize({width, height: HEIGHT});
        }
    };
    requestAnimationFrame(draw);
    new ResizeObserver(() => plot && draw()).observe(figure);
    return figure;
}

/** The used (and reserved) part of a limit, as a bar and as figures: the figures say it without the colours. */
export function usageBar(used, reserved, limit) {
    const share = limit > 0 ? (used + reserved) / limit : 0;
    const bar = h('span', {
        class: 'bar', role: 'img', 'aria-label': number(used) + ' used'
            + (reserved ? ', ' + number(reserved) + ' reserved' : '') + ' of ' + number(limit)
    });
    const usedPart = h('span', {class: 'used'});
    const reservedPart = h('span', {class: 'reserved'});
    // set through the DOM, which the content security policy allows, rather than in a style attribute
    usedPart.style.width = Math.min(100, limit > 0 ? used / limit * 100 : 0) + '%';
    reservedPart.style.width = Math.min(100, limit > 0 ? reserved / limit * 100 : 0) + '%';
    bar.append(usedPart, reservedPart);
    return h('div', {}, bar, h('span', {class: 'share'}, (share * 100).toFixed(1) + ' % of the limit'
        + (reserved ? ', with ' + number(reserved) + ' reserved' : '')));
}
