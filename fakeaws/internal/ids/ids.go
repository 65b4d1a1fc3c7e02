// Package ids makes AWS-shaped identifiers from a random source that tests
// seed, so that a test sees the same IDs on every run.
package ids

import (
	crand "crypto/rand"
	"encoding/binary"
	"math/rand/v2"
	"sync"
)

// Source generates identifiers. It is safe for concurrent use.
type Source struct {
	mu sync.Mutex
	r  *rand.ChaCha8
}

// New returns a source seeded with seed; seed 0 draws a seed from the
// system's random source.
func New(seed uint64) *Source {
	var s [32]byte
	if seed == 0 {
		_, _ = crand.Read(s[:])
	} else {
		binary.LittleEndian.PutUint64(s[:], seed)
	}
	return &Source{r: rand.NewChaCha8(s)}
}

func (s *Source) fill(b []byte) {
	s.mu.Lock()
	_, _ = s.r.Read(b)
	s.mu.Unlock()
}

func (s *Source) from(alphabet string, n int) string {
	b := make([]byte, n)
	s.fill(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

const (
	hexLower = "0123456789abcdef"
	upperNum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	base62   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
)

// Hex returns n lowercase hex digits (EC2 resource IDs: vpc- + 17).
func (s *Source) Hex(n int) string { return s.from(hexLower, n) }

// Upper returns n characters of [A-Z2-7], the alphabet of IAM unique IDs
// and access key IDs.
func (s *Source) Upper(n int) string { return s.from(upperNum, n) }

// Secret returns a 40-character secret access key.
func (s *Source) Secret() string { return s.from(base62+"+/", 40) }

// Token returns n characters of base62, for session tokens.
func (s *Source) Token(n int) string { return s.from(base62, n) }

// UUID returns a random version-4 UUID, the shape of query-protocol
// request IDs.
func (s *Source) UUID() string {
	var b [16]byte
	s.fill(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const h = hexLower
	out := make([]byte, 36)
	j := 0
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out[j] = '-'
			j++
		}
		out[j], out[j+1] = h[c>>4], h[c&15]
		j += 2
	}
	return string(out)
}
