import * as L from 'leaflet';
import type { FeatureCollection } from 'geojson';
import 'leaflet/dist/leaflet.css';
import './style.css';
import { request, subscribe } from './sse.js';

const GRAPHQL = '/graphql';

const SUBMIT = `mutation SubmitViewshed($input: WorldViewshedInput!) {
  submitWorldViewshedJob(input: $input) { id status }
}`;

const UPDATES = `subscription ViewshedUpdates($id: ID!) {
  jobUpdates(id: $id) {
    status
    final
    progress { percent message }
    ... on WorldViewshedJob { results { viewshedResult(format: GEOJSON) { featureCount data } } }
  }
}`;

interface JobUpdate {
  readonly status: string;
  readonly final: boolean;
  readonly progress: { readonly percent: number | null; readonly message: string } | null;
  readonly results?: { readonly viewshedResult: { readonly featureCount: number; readonly data: FeatureCollection } | null } | null;
}

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`#${id} is missing from index.html`);
  return found;
}

const progress = element('progress', HTMLProgressElement);
const statusText = element('status', HTMLSpanElement);
const history = element('history', HTMLOListElement);

// No external tiles: the hillshade of the embedded GPServer, proxied by the gateway.
const map = L.map(element('map', HTMLElement), { center: [36.31, -119.68], zoom: 11, minZoom: 3, maxZoom: 15 });
L.tileLayer('/demo/tiles/{z}/{y}/{x}', { maxZoom: 15, attribution: 'Hillshade: embedded GPServer (synthetic terrain)' }).addTo(map);
map.attributionControl.setPrefix(false);
const results = L.layerGroup().addTo(map);

function showStatus(text: string, failed = false): void {
  statusText.textContent = text;
  statusText.dataset.final = failed ? 'failed' : '';
}

function record(status: string): void {
  if (history.lastElementChild?.textContent === status) return;
  const item = document.createElement('li');
  item.textContent = status;
  history.append(item);
}

let current: AbortController | undefined;

async function viewshed(point: L.LatLng, signal: AbortSignal): Promise<void> {
  results.clearLayers();
  history.replaceChildren();
  progress.value = 0;
  L.circleMarker(point, { radius: 6, color: '#d32f2f', fillOpacity: 1 }).addTo(results);
  showStatus('Submitting…');
  const input = { inputObservationPoint: { geoJson: { type: 'Point', coordinates: [point.lng, point.lat] } } };
  const submitted = await request<{ submitWorldViewshedJob: { id: string; status: string } }>(GRAPHQL, SUBMIT, { input }, signal);
  const job = submitted.data?.submitWorldViewshedJob;
  if (!job) {
    showStatus(`Submit failed: ${submitted.errors?.map((e) => e.message).join('; ') ?? 'no data'}`, true);
    return;
  }
  record(job.status);
  showStatus(job.status);
  for await (const event of subscribe<{ jobUpdates: JobUpdate }>(GRAPHQL, UPDATES, { id: job.id }, signal)) {
    const update = event.data?.jobUpdates;
    if (!update) {
      showStatus(`Error: ${event.errors?.map((e) => e.message).join('; ') ?? 'no data'}`, true);
      return;
    }
    record(update.status);
    if (update.progress?.percent != null) progress.value = update.progress.percent;
    showStatus(
      update.progress ? `${update.status}: ${update.progress.message}` : update.status,
      update.final && update.status !== 'SUCCEEDED',
    );
    const visible = update.results?.viewshedResult;
    if (visible) {
      progress.value = 100;
      const layer = L.geoJSON(visible.data, { style: { color: '#1565c0', weight: 1, fillColor: '#42a5f5', fillOpacity: 0.45 } }).addTo(
        results,
      );
      showStatus(`SUCCEEDED: ${visible.featureCount} visible area${visible.featureCount === 1 ? '' : 's'}`);
      map.fitBounds(layer.getBounds(), { maxZoom: map.getZoom() });
    }
  }
}

map.on('click', (event: L.LeafletMouseEvent) => {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  viewshed(event.latlng, controller.signal).catch((error: unknown) => {
    if (!controller.signal.aborted) showStatus(`Error: ${error instanceof Error ? error.message : String(error)}`, true);
  });
});
