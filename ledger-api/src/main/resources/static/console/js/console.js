// What every page of the console shares: the signed-in token, calls to the API, the page frame and a few builders.
// Pages build their content with DOM nodes and text, never with HTML strings, so nothing the ledger answers can run.

const TOKEN = 'quota-ledger.token';

export const ROLE = Object.freeze({
    EXPORTER: 'EXPORTER', COMPLIANCE_OFFICER: 'COMPLIANCE_OFFICER', AUDITOR: 'AUDITOR', ADMIN: 'ADMIN'
});

/** Keeps the token for this tab only: it is gone when the tab closes, and no other site or tab can read it. */
export function signIn(token) {
    sessionStorage.setItem(TOKEN, token);
}

export function signOut() {
    sessionStorage.removeItem(TOKEN);
}

/** Where a sign-in goes next: a console page, never another site. */
export function safeNext(next) {
    return typeof next === 'string' && /^\/console\/[A-Za-z0-9_\-.?=&%~+]*$/.test(next) ? next : '/console/';
}

function toSignIn() {
    const here = location.pathname + location.search;
    location.replace('/console/sign-in.html?next=' + encodeURIComponent(here));
}

/**
 * One request to the API with the signed-in token. Answers {status, ok, body, problem}; a JSON body is parsed, a
 * problem (4xx, 5xx) is its problem+json. A token the ledger no longer accepts signs out.
 */
export async function api(path, {method = 'GET', json, accept = 'application/json', token} = {}) {
    const headers = {Accept: accept, Authorization: 'Bearer ' + (token ?? sessionStorage.getItem(TOKEN))};
    if (json !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
        method, headers, body: json === undefined ? undefined : JSON.stringify(json),
        credentials: 'omit', cache: 'no-store'
    });
    if (response.status === 401 && token === undefined) {
        signOut();
        toSignIn();
        throw new Error('signed out');
    }
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : await response.text();
    return {status: response.status, ok: response.ok, body, problem: response.ok ? null : body, response};
}

/** Encodes each value of a path template: path`/api/v1/recipients/${id}` */
export function path(strings, ...values) {
    return strings.reduce((built, part, i) => built + part + (i < values.length ? encodeURIComponent(values[i]) : ''),
        '');
}

/** An element: h('a', {href: '…'}, 'text', child, …). Strings become text, never markup. */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === false || value === null || value === undefined) {
            continue;
        }
        element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined && child !== false) {
            element.append(child instanceof Node ? child : String(child));
        }
    }
    return element;
}

export function section(id, title, ...content) {
    return h('section', {'aria-labelledby': id + '-title', id}, h('h2', {id: id + '-title'}, title), ...content);
}

/** A table with a caption and column headers; rows are arrays of cells (text or nodes). */
export function table(caption, headers, rows, {id, empty = 'None.'} = {}) {
    if (rows.length === 0) {
        return h('p', {class: 'empty', id}, empty);
    }
    return h('div', {class: 'table-wrap'}, h('table', {id},
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, headers.map(header => h('th', {scope: 'col'}, header)))),
        h('tbody', {}, rows.map(row => h('tr', {}, row.map(cell => h('td', {}, cell)))))));
}

export const number = value => value === null || value === undefined ? '–'
    : Number(value).toLocaleString('en-GB');

/** An instant as the ledger records it, in UTC to the second: the same text in every time zone. */
export const instant = value => value ? value.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '–';

/** The text a refusal gives: its title, detail and reason code, and the fields at fault. */
export function problemText(answer) {
    const problem = answer.problem || {};
    const parts = [problem.title || ('HTTP ' + answer.status)];
    if (problem.detail) {
        parts.push(problem.detail);
    }
    for (const error of problem.errors || []) {
        parts.push((error.field ? error.field + ': ' : '') + (error.message || error.detail || ''));
    }
    if (problem.reason) {
        parts.push('(' + problem.reason + ')');
    }
    return parts.join(' ');
}

/** A message in the page's alert area, read out by screen readers; {error: true} marks a refusal. */
export function tell(target, message, {error = false} = {}) {
    target.replaceChildren(h('p', {class: error ? 'message error' : 'message', role: error ? 'alert' : 'status'},
        error ? 'Refused: ' : '', message));
}

export function has(caller, role) {
    return caller.roles.includes(role);
}

/** Builds a form's fields: [{name, label, type, required, options, value, hint}] */
export function fields(list) {
    return list.map(field => {
        const id = 'f-' + field.name + '-' + Math.random().toString(36).slice(2, 8);
        let input;
        if (field.options) {
            input = h('select', {id, name: field.name, required: field.required !== false},
                field.options.map(option => h('option', {value: option, selected: option === field.value}, option)));
        } else {
            input = h('input', {
                id, name: field.name, type: field.type || 'text', required: field.required !== false,
                value: field.value, min: field.type === 'number' ? 0 : null, step: field.type === 'number' ? 1 : null,
                autocomplete: 'off', 'aria-describedby': field.hint ? id + '-hint' : null
            });
        }
        if (field.instant) {
            input.setAttribute('placeholder', '2026-12-31T00:00Z');
        }
        return h('div', {class: 'field'}, h('label', {for: id}, field.label), input,
            field.hint ? h('small', {id: id + '-hint'}, field.hint) : null);
    });
}

/**
 * What a form's fields hold, as the API reads them: a count as a number when it is one (else as typed, for the API
 * to refuse), an instant without a zone as UTC, and an empty optional field left out.
 */
function values(element, fieldList) {
    const typed = Object.fromEntries(new FormData(element).entries());
    const result = {};
    for (const field of fieldList) {
        const value = (typed[field.name] ?? '').trim();
        if (value === '' && field.required === false) {
            continue;
        }
        result[field.name] = field.type === 'number' && /^\d+$/.test(value) ? Number(value)
            : field.instant ? asInstant(value) : value;
    }
    return result;
}

/** A form whose submit calls {@code submit(values)}; its answer or refusal shows under it. */
export function form(title, fieldList, label, submit, {id} = {}) {
    const result = h('div', {class: 'result', 'aria-live': 'polite'});
    const button = h('button', {type: 'submit'}, label);
    const element = h('form', {id, class: 'action', 'aria-label': title}, fields(fieldList), h('div', {}, button),
        result);
    element.addEventListener('submit', async event => {
        event.preventDefault();
        button.disabled = true;
        try {
            await submit(values(element, fieldList), result);
        } finally {
            button.disabled = false;
        }
    });
    return element;
}

/** An instant a person typed as 2026-01-31T00:00 or with a zone; without one it is UTC. */
export function asInstant(text) {
    const trimmed = (text || '').trim();
    if (trimmed === '') {
        return undefined;
    }
    return /(Z|[+-]\d\d:\d\d)$/.test(trimmed) ? trimmed : trimmed + (trimmed.length === 16 ? ':00Z' : 'Z');
}

/**
 * The page frame: checks the sign-in, asks who the caller is, and builds the header, the navigation and the main
 * area, then lets the page fill it. Answers the caller.
 */
export async function page(title, render) {
    if (!sessionStorage.getItem(TOKEN)) {
        toSignIn();
        return;
    }
    const me = await api('/api/v1/me');
    document.title = title + ' · Quota Ledger';
    if (!me.ok) {
        document.getElementById('main').replaceChildren(h('h1', {}, title),
            h('p', {class: 'message error', role: 'alert'}, problemText(me)));
        return;
    }
    const current = location.pathname.replace(/\/$/, '/index.html');
    const link = (href, text) => h('li', {}, h('a', {
        href, 'aria-current': current.endsWith(href) ? 'page' : null
    }, text));
    const signOutButton = h('button', {type: 'button', class: 'link', id: 'sign-out'}, 'Sign out');
    signOutButton.addEventListener('click', () => {
        signOut();
        location.assign('/console/sign-in.html');
    });
    document.body.replaceChildren(
        h('a', {href: '#main', class: 'skip'}, 'Skip to content'),
        h('header', {},
            h('a', {href: '/console/', class: 'brand'}, 'Quota Ledger'),
            h('nav', {'aria-label': 'Console'}, h('ul', {},
                link('/console/index.html', 'Overview'),
                link('/console/decisions.html', 'Decision log'),
                link('/console/exemptions.html', 'Exemptions'))),
            h('p', {class: 'caller'}, h('span', {id: 'caller'}, me.body.actor), ' · ',
                h('span', {id: 'roles'}, me.body.roles.join(', ')), ' ', signOutButton)),
        h('main', {id: 'main', tabindex: '-1'}, h('h1', {}, title)));
    const main = document.getElementById('main');
    try {
        await render(main, me.body);
    } catch (failure) {
        if (failure.message !== 'signed out') {
            main.append(h('p', {class: 'message error', role: 'alert'}, 'The page could not be shown: ',
                failure.message));
        }
        throw failure;
    }
    main.setAttribute('data-ready', 'true');
    return me.body;
}

/** The API's own description, read once per page: its enumerations are the values forms offer. */
let description;

export function schemas() {
    description ??= api('/v3/api-docs').then(answer => answer.body?.components?.schemas ?? {});
    return description;
}

/** A section's answer when the API refused it: why, in the API's words. */
export function refused(answer) {
    return h('p', {class: 'message note'}, problemText(answer));
}
