/** The fixed value schema of a `geo` field (FIELDS.md), without title/description. */
export function geoValueSchema(): Record<string, unknown> {
  return {
    type: 'object',
    'x-cf-geo': true,
    required: ['lat', 'lng', 'crs'],
    properties: {
      lat: { type: 'number', minimum: -90, maximum: 90 },
      lng: { type: 'number', minimum: -180, maximum: 180 },
      crs: { type: 'string', enum: ['GCJ-02', 'CGCS2000', 'WGS-84'] },
    },
    additionalProperties: false,
  };
}
