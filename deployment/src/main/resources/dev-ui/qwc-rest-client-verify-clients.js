import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/icon';
import '@vaadin/button';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';

/**
 * Every REST client with its trust (source, origin, earliest expiry), client certificate, reload status, and the
 * latest explained TLS failures grouped by client, server and reason, newest first.
 */
export class QwcRestClientVerifyClients extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 0.5em; }
        .problem { color: var(--lumo-error-text-color); }
        .muted { color: var(--lumo-secondary-text-color); }
        pre { white-space: pre-wrap; font-size: var(--lumo-font-size-s); margin: 0; }
        h3 { margin: 0.5em 0 0 0; }
    `;

    static properties = {
        _clients: { state: true },
        _failures: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    _refresh() {
        this.jsonRpc.getClients().then(response => { this._clients = response.result; });
        this.jsonRpc.getFailureGroups().then(response => { this._failures = response.result; });
    }

    render() {
        if (!this._clients) {
            return html`<span class="muted">Loading REST clients...</span>`;
        }
        return html`
            <vaadin-button @click=${() => this._refresh()}>Refresh</vaadin-button>
            <vaadin-grid .items=${this._clients} theme="row-stripes wrap-cell-content" all-rows-visible>
                <vaadin-grid-column header="Client" ${columnBodyRenderer(c => html`<b>${c.name}</b><br><span class="muted">${c.interface}</span>`, [])} auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Trust" ${columnBodyRenderer(c => this._trust(c), [])}></vaadin-grid-column>
                <vaadin-grid-column header="Client certificate" ${columnBodyRenderer(c => this._certificate(c), [])}></vaadin-grid-column>
                <vaadin-grid-column header="Reload" ${columnBodyRenderer(c => this._reload(c), [])}></vaadin-grid-column>
            </vaadin-grid>
            <h3>Latest TLS failures</h3>
            ${this._failuresView()}
        `;
    }

    _trust(c) {
        return html`${c.trust}<br>
            <span class="muted">set by ${c.origin}
            ${c.earliestExpiry ? html` &middot; earliest CA expiry ${c.earliestExpiry}` : ''}</span>
            ${c.hostnameVerification ? '' : html`<br><span class="problem">no hostname verification</span>`}
            ${c.revocation ? html`<br><span class="muted">${c.revocation}</span>` : ''}
            ${(c.expiring || []).map(e => html`<br><span class="problem">${e}</span>`)}
            ${c.fetchIntermediates ? html`<br><span class="muted">fetches missing intermediates</span>` : ''}
            ${(c.repairedServers || []).map(r => html`<br><span class="problem">repaired: ${r}</span>`)}`;
    }

    _certificate(c) {
        if (!c.clientCertificate) {
            return html`<span class="muted">none</span>`;
        }
        return html`${c.clientCertificate}<br><span class="muted">valid to ${c.clientCertificateExpiry}</span>`;
    }

    _reload(c) {
        const statuses = [c.reload, c.clientCertificateReload].filter(s => s);
        if (statuses.length === 0) {
            return html`<span class="muted">not reloaded</span>`;
        }
        return html`${statuses.map(s => s === 'OK' ? html`<div>OK</div>` : html`<div class="problem">${s}</div>`)}`;
    }

    _failuresView() {
        if (!this._failures || this._failures.length === 0) {
            return html`<span class="muted">No TLS failure since start-up.</span>`;
        }
        // One row per client, server and reason; the trust is in the table above, so the message leaves it out.
        return html`${this._failures.map(f => html`
            <details class="failure">
                <summary><b>${f.reason}</b> &middot; ${f.client} &rarr; ${f.host}:${f.port}
                    &middot; <span class="count">${f.count === 1 ? '1 time' : f.count + ' times'}</span>
                    &middot; <span class="muted">${f.count === 1 ? f.last : 'first ' + f.first + ', last ' + f.last}</span></summary>
                <pre>${f.message}</pre>
            </details>`)}`;
    }
}
customElements.define('qwc-rest-client-verify-clients', QwcRestClientVerifyClients);
