package sigv4

import (
	"bytes"
	"io"
	"testing"
)

// BenchmarkVerifyHeader verifies a typical STS GetCallerIdentity request
// signed in the Authorization header: body hashed, canonical request
// built, signing key derived, signature compared.
func BenchmarkVerifyHeader(b *testing.B) {
	r := stsRequest().sign(b)
	body := []byte(stsBody)
	v := verifierAt(signedAt)
	b.ReportAllocs()
	for b.Loop() {
		r.Body = io.NopCloser(bytes.NewReader(body))
		if _, err := v.Verify(r, 1<<20); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChunkDecoder decodes a 1 MiB body signed in 64 KiB chunks.
func BenchmarkChunkDecoder(b *testing.B) {
	c := chunked{mode: streamSigned, body: bytes.Repeat([]byte("x"), 1<<20)}
	for range 15 {
		c.sizes = append(c.sizes, 64<<10)
	}
	r := c.request(b)
	framed, _ := io.ReadAll(r.Body)
	v := verifierAt(signedAt)
	b.SetBytes(int64(len(c.body)))
	b.ReportAllocs()
	for b.Loop() {
		r.Body = io.NopCloser(bytes.NewReader(framed))
		res, err := v.Verify(r, 1<<30)
		if err != nil {
			b.Fatal(err)
		}
		if n, err := io.Copy(io.Discard, res.Body); err != nil || n != int64(len(c.body)) {
			b.Fatalf("decoded %d bytes: %v", n, err)
		}
	}
}
