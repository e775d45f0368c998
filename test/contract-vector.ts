// Contract §1's published test vector: what a relay signs and a sheet must accept, byte for byte.
export const VECTOR = {
  secret: '3f1d5c0e9a7b4c2d8e6f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d',
  body:
    '{"v":1,"cluster":"example.teleport.sh","webUrl":"https://example.teleport.sh","relay":"relay/1.0.0",' +
    '"ops":[{"op":"heartbeat","at":"2025-11-23T12:13:20.000Z"}]}',
  ts: '1763900000',
  nonce: 'n-7Hq2xYp9LmR4tKa',
  sig: '96ca10b18efc372585eaad2268d098b11f215b4484a7948682805a6d3dbfe7a7',
} as const;

// Contract §11's vector: §1's secret, ts, nonce and body, signed v2 for the cluster in the query.
export const VECTOR_V2 = {
  ...VECTOR,
  cluster: 'example.teleport.sh',
  sig: 'a9815e49c41ff1b0ed771625bd51e3ed544934dac749d697e94e6cd6a5ab3bd0',
} as const;
