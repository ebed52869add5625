// FOR TESTS ONLY. A self-signed certificate and its private key, for a local HTTPS server that
// a desk must refuse to trust (hubLink.test.ts): no authority signed it, so nothing trusts it.
// The key is public by being here; never use it for anything else. For 127.0.0.1 and
// localhost, valid from 2000-01-01 to 2126-01-01 (made once with `openssl ca -selfsign
// -startdate 20000101000000Z -enddate 21260101000000Z`, a P-256 key).

export const TEST_ONLY_SELF_SIGNED = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgFcH14TuCztaEReor
KlgdymGyEQY/9OKvK+5YKhZNUPuhRANCAASaKpXh7LMU3asX8rUTfVryBpvNxvAX
eaSjDiQSG6w652aHYvo0iB+/zCV0fNobt7U7XXf0yvbxlcFpc8fhqvHS
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBmDCCAT2gAwIBAgIBATAKBggqhkjOPQQDAjAsMSowKAYDVQQDDCFUYWdkZXNr
IHRlc3QgaHViIChmb3IgdGVzdHMgb25seSkwIBcNMDAwMTAxMDAwMDAwWhgPMjEy
NjAxMDEwMDAwMDBaMCwxKjAoBgNVBAMMIVRhZ2Rlc2sgdGVzdCBodWIgKGZvciB0
ZXN0cyBvbmx5KTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABJoqleHssxTdqxfy
tRN9WvIGm83G8Bd5pKMOJBIbrDrnZodi+jSIH7/MJXR82hu3tTtdd/TK9vGVwWlz
x+Gq8dKjTjBMMA8GA1UdEwEB/wQFMAMBAf8wGgYDVR0RBBMwEYcEfwAAAYIJbG9j
YWxob3N0MB0GA1UdDgQWBBS5cVwfRRGo0wmfg3cn3LsgSjeMQjAKBggqhkjOPQQD
AgNJADBGAiEArlU01CvhY0QKSYpHHZptaaLkOUvIZH4XD1GV5Evho8gCIQCibS4D
mCcZcG48TbWuwsuaOMUfYCEMhekBOF7rnu4x1Q==
-----END CERTIFICATE-----
`,
} as const;
