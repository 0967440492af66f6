import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/text-field';
import '@vaadin/combo-box';
import '@vaadin/button';

/**
 * "Inspect server": one handshake with a client's own settings, showing the chain the server presents and the
 * client's verdict, which trust sources of the application accept that chain, and the chain as a PEM file to
 * download (what openssl s_client -showcerts users do by hand).
 * It never trusts anything by itself.
 */
export class QwcRestClientVerifyInspect extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 0.5em; }
        .form { display: flex; gap: 1em; align-items: baseline; flex-wrap: wrap; }
        .trusted { color: var(--lumo-success-text-color); }
        .problem { color: var(--lumo-error-text-color); }
        .muted { color: var(--lumo-secondary-text-color); }
        pre { white-space: pre-wrap; font-size: var(--lumo-font-size-s); }
    `;

    static properties = {
        _clients: { state: true },
        _client: { state: true },
        _urls: { state: true },
        _url: { state: true },
        _result: { state: true },
        _busy: { state: true },
        _error: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getClients().then(response => {
            this._urls = Object.fromEntries(response.result.map(c => [c.name, c.url || '']));
            this._clients = response.result.map(c => c.name);
            if (this._clients.length > 0) {
                this._select(this._clients[0]);
            }
        });
    }

    /** Picks a client and, unless the user typed a URL of their own, the URL it is configured to call. */
    _select(client) {
        const previous = this._urls?.[this._client] || '';
        this._client = client;
        if (!this._url || this._url === previous) {
            this._url = this._urls?.[client] || '';
        }
    }

    render() {
        return html`
            <div class="form">
                <vaadin-combo-box label="REST client" .items=${this._clients || []} .value=${this._client || ''}
                    @value-changed=${e => { if (e.detail.value !== this._client) { this._select(e.detail.value); } }}></vaadin-combo-box>
                <vaadin-text-field label="Server URL" placeholder="https://api.example.com" style="min-width: 28em"
                    .value=${this._url || ''} @value-changed=${e => { this._url = e.detail.value; }}></vaadin-text-field>
                <vaadin-button theme="primary" ?disabled=${this._busy || !this._client || !this._url}
                    @click=${() => this._inspect()}>Inspect server</vaadin-button>
            </div>
            ${this._error ? html`<div class="problem">${this._error}</div>` : ''}
            ${this._result ? this._resultView(this._result) : ''}
        `;
    }

    _inspect() {
        this._busy = true;
        this._error = null;
        this.jsonRpc.inspect({ client: this._client, url: this._url })
            .then(response => { this._result = response.result; })
            .catch(e => { this._error = e?.error?.message || String(e); this._result = null; })
            .finally(() => { this._busy = false; });
    }

    _resultView(r) {
        const good = r.verdict === 'TRUSTED';
        return html`
            <div><b class=${good ? 'trusted' : 'problem'}>${r.verdict}</b> <span class="muted">${r.client} &rarr; ${r.url}</span></div>
            <pre>${r.message}</pre>
            ${r.sources && r.sources.length ? html`
                <h4>Trust sources of this application</h4>
                ${r.sources.map(s => html`
                    <div><b class=${s.status === 'ACCEPTS' ? 'trusted' : s.status === 'REJECTS' ? 'problem' : 'muted'}>${s.status === 'ACCEPTS' ? 'accepts' : s.status === 'REJECTS' ? 'rejects' : 'skipped'}</b>
                        ${s.source}${s.own ? ' (this client trusts it)' : ''}
                        <span class="muted">${s.description}${s.anchor ? ', anchor ' + s.anchor : ''}${s.detail ? ': ' + s.detail : ''}</span>
                    </div>`)}` : ''}
            <h4>The server presented ${r.chain.length === 1 ? '1 certificate' : r.chain.length + ' certificates'}</h4>
            ${r.chain.map((c, i) => html`
                <div>[${i}] <b>${c.subject}</b><br>
                    <span class="muted">issued by ${c.issuer}; valid ${c.notBefore} to ${c.notAfter}; ${c.names}<br>SHA-256 ${c.sha256}<br>pin ${c.pin}</span>
                </div>`)}
            ${r.pem ? html`<vaadin-button @click=${() => this._download(r)}>Download the chain (PEM)</vaadin-button>` : ''}
        `;
    }

    _download(r) {
        const host = new URL(r.url).hostname;
        const link = document.createElement('a');
        link.href = URL.createObjectURL(new Blob([r.pem], { type: 'application/x-pem-file' }));
        link.download = host + '-chain.pem';
        link.click();
        URL.revokeObjectURL(link.href);
    }
}
customElements.define('qwc-rest-client-verify-inspect', QwcRestClientVerifyInspect);
