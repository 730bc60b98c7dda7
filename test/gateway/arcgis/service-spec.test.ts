import { describe, expect, it } from 'vitest';
import {
  isGpServerUrl,
  normaliseUrl,
  parseServiceSpec,
  serviceNameFromUrl,
  serviceUrlInRoot,
} from '../../../gateway/arcgis/service-spec.js';

describe('service spec', () => {
  it('should normalise query, fragment and trailing slashes away', () => {
    expect(normaliseUrl('https://Host.example/arcgis/rest/services/A/B/GPServer/?f=pjson&token=x')).toBe(
      'https://host.example/arcgis/rest/services/A/B/GPServer',
    );
    expect(() => normaliseUrl('not a url')).toThrow(/Not an absolute URL/);
    expect(() => normaliseUrl('ftp://h/x')).toThrow(/http and https/);
  });

  it('should split url#alias and check the alias is a GraphQL name', () => {
    expect(parseServiceSpec('https://h/arcgis/rest/services/A/B/GPServer#Elev_2')).toEqual({
      url: 'https://h/arcgis/rest/services/A/B/GPServer',
      alias: 'Elev_2',
    });
    expect(parseServiceSpec('https://h/arcgis/rest/services/A/B/GPServer?f=json')).toEqual({
      url: 'https://h/arcgis/rest/services/A/B/GPServer',
    });
    expect(() => parseServiceSpec('https://h/x/GPServer#2nd')).toThrow(/Invalid alias "2nd".*GraphQL name/);
    expect(() => parseServiceSpec('https://h/x/GPServer#my-alias')).toThrow(/Invalid alias/);
    expect(() => parseServiceSpec('https://h/x/GPServer#')).toThrow(/Invalid alias ""/);
  });

  it('should name a service by its path after /rest/services/', () => {
    expect(serviceNameFromUrl('https://h/arcgis/rest/services/Elevation/ESRI_Elevation_World/GPServer')).toBe(
      'Elevation/ESRI_Elevation_World',
    );
    expect(serviceNameFromUrl('https://h/server/rest/services/Top/GPServer')).toBe('Top');
    expect(serviceNameFromUrl('https://h/arcgis/rest/services/My%20Folder/Svc/gpserver')).toBe('My Folder/Svc');
    expect(serviceNameFromUrl('https://h/proxy/Svc/GPServer')).toBe('Svc');
  });

  it('should recognise GPServer URLs and build them from directory names', () => {
    expect(isGpServerUrl('https://h/arcgis/rest/services/A/B/GPServer')).toBe(true);
    expect(isGpServerUrl('https://h/arcgis/rest/services/A/B/MapServer')).toBe(false);
    expect(serviceUrlInRoot('https://h/arcgis/rest/services', 'My Folder/Svc', 'GPServer')).toBe(
      'https://h/arcgis/rest/services/My%20Folder/Svc/GPServer',
    );
  });
});
