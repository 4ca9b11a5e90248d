import type { RecordExample } from './record-example.ts';

/** Places and movements: Google location history, GPX. */
export const PLACE_EXAMPLES = {
  'location.point': [
    {
      name: 'Google location history Records.json fix',
      source: 'google-location',
      sourceRef: '2025-03-01T08:30:12.345Z',
      occurredAt: '2025-03-01T08:30:12.345Z',
      data: { lat: 48.8583701, lon: 2.2944813, accuracyM: 14, altitudeM: 35, activity: 'STILL', device: 'Pixel 7' },
    },
    {
      name: 'GPX waypoint',
      source: 'gpx',
      sourceRef: 'wpt-refuge-du-gouter',
      occurredAt: '2024-08-14T04:12:00Z',
      data: { lat: 45.8506, lon: 6.8325, altitudeM: 3835, name: 'Refuge du Goûter' },
    },
  ],
  'place.visit': [
    {
      name: 'Google semantic history placeVisit',
      source: 'google-location',
      sourceRef: 'ChIJLU7jZClu5kcR4PcOOO6p3I0/2025-03-01T08:30:00Z',
      occurredAt: '2025-03-01T08:30:00Z',
      data: {
        name: 'Boulangerie Dupont',
        address: '8 rue de la République, 69002 Lyon, France',
        placeId: 'ChIJLU7jZClu5kcR4PcOOO6p3I0',
        lat: 45.7640,
        lon: 4.8357,
        start: '2025-03-01T08:30:00Z',
        end: '2025-03-01T08:42:00Z',
        semanticType: 'TYPE_UNKNOWN',
        confidence: 87,
      },
    },
  ],
  track: [
    {
      name: 'GPX track with timed points',
      source: 'gpx',
      sourceRef: '7c2b4f64e4d4f1f2a1d1f3c6a5e2b0d9#0',
      occurredAt: '2025-04-06T07:02:11Z',
      data: {
        name: 'Sortie vélo du dimanche',
        mode: 'cycling',
        kind: 'track',
        start: '2025-04-06T07:02:11Z',
        end: '2025-04-06T09:14:40Z',
        distanceM: 42150,
        segments: 1,
        points: [
          { lat: 45.7578, lon: 4.832, at: '2025-04-06T07:02:11Z', eleM: 170.2 },
          { lat: 45.7601, lon: 4.8355, at: '2025-04-06T07:03:11Z', eleM: 171.8 },
          { lat: 45.7642, lon: 4.8401, at: '2025-04-06T07:04:11Z', eleM: 173.0 },
        ],
      },
    },
  ],
} satisfies Record<'location.point' | 'place.visit' | 'track', RecordExample[]>;
