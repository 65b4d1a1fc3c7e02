package sigv4

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// chunked describes an aws-chunked upload to frame and sign as the AWS
// docs describe ("Signature calculations for the Authorization header:
// transferring payload in multiple chunks").
type chunked struct {
	mode     string // streamSigned, streamSignedT or streamUnsignT
	body     []byte
	sizes    []int // chunk sizes; the rest of the body goes in one more chunk
	trailers [][2]string
	cred     Credential
	// tamper edits the framed body before it is sent.
	tamper func(framed []byte) []byte
}

// chunkFramer writes the framing, signing chunks when the mode is signed.
type chunkFramer struct {
	buf     bytes.Buffer
	signed  bool
	key     []byte
	amzDate string
	scope   Scope
	prevSig string
}

func (f *chunkFramer) chunk(data []byte) {
	f.buf.WriteString(strconv.FormatInt(int64(len(data)), 16))
	if f.signed {
		toSign := "AWS4-HMAC-SHA256-PAYLOAD\n" + f.amzDate + "\n" + f.scope.String() + "\n" + f.prevSig + "\n" + emptySHA256 + "\n" + sha256Hex(data)
		f.prevSig = signature(f.key, toSign)
		f.buf.WriteString(";chunk-signature=" + f.prevSig)
	}
	f.buf.WriteString("\r\n")
	if len(data) > 0 {
		f.buf.Write(data)
		f.buf.WriteString("\r\n")
	}
}

func (f *chunkFramer) trailers(tr [][2]string) {
	var canon strings.Builder
	for _, kv := range tr {
		f.buf.WriteString(kv[0] + ":" + kv[1] + "\r\n")
		canon.WriteString(kv[0] + ":" + kv[1] + "\n")
	}
	if f.signed && len(tr) > 0 {
		toSign := "AWS4-HMAC-SHA256-TRAILER\n" + f.amzDate + "\n" + f.scope.String() + "\n" + f.prevSig + "\n" + sha256Hex([]byte(canon.String()))
		f.buf.WriteString("x-amz-trailer-signature:" + signature(f.key, toSign) + "\r\n")
	}
	f.buf.WriteString("\r\n")
}

func (c chunked) frame(key []byte, amzDate string, scope Scope, seed string) []byte {
	f := &chunkFramer{signed: c.mode != streamUnsignT, key: key, amzDate: amzDate, scope: scope, prevSig: seed}
	rest := c.body
	for _, n := range c.sizes {
		n = min(n, len(rest))
		f.chunk(rest[:n])
		rest = rest[n:]
	}
	if len(rest) > 0 {
		f.chunk(rest)
	}
	f.chunk(nil)
	if c.mode == streamSigned {
		f.buf.WriteString("\r\n")
	} else {
		f.trailers(c.trailers)
	}
	return f.buf.Bytes()
}

// request signs the upload's headers with the SDK signer, using the
// streaming payload hash, then frames the body with the header signature
// as the seed.
func (c chunked) request(t testing.TB) *http.Request {
	t.Helper()
	if c.cred.AccessKey == "" {
		c.cred = longTerm
	}
	// The framed length does not depend on signature values: frame once
	// with placeholders to learn the Content-Length to sign.
	placeholder := strings.Repeat("0", 64)
	length := len(c.frame(make([]byte, 32), "20000101T000000Z", Scope{}, placeholder))

	cr, err := http.NewRequest(http.MethodPut, "http://127.0.0.1:4566/bucket/key", nil)
	if err != nil {
		t.Fatal(err)
	}
	cr.ContentLength = int64(length)
	cr.Header.Set("Content-Encoding", "aws-chunked")
	cr.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(c.body)))
	cr.Header.Set("X-Amz-Content-Sha256", c.mode)
	if len(c.trailers) > 0 {
		cr.Header.Set("X-Amz-Trailer", c.trailers[0][0])
	}
	signer := req{service: "s3"}.signer()
	if err := signer.SignHTTP(context.Background(), awsCreds(c.cred), cr, c.mode, "s3", "us-east-1", signedAt); err != nil {
		t.Fatal(err)
	}
	auth, ok := parseAuthorization(cr.Header.Get("Authorization"))
	if !ok {
		t.Fatalf("SDK wrote an Authorization header we cannot parse: %s", cr.Header.Get("Authorization"))
	}
	framed := c.frame(signingKey(c.cred.Secret, auth.scope), cr.Header.Get("X-Amz-Date"), auth.scope, auth.signature)
	if len(framed) != length {
		t.Fatalf("framed length %d, placeholder framing said %d", len(framed), length)
	}
	if c.tamper != nil {
		framed = c.tamper(bytes.Clone(framed))
	}
	sr := toServer(t, cr, framed)
	sr.ContentLength = int64(length)
	return sr
}

func crc32Trailer(b []byte) [2]string {
	var sum [4]byte
	v := crc32.ChecksumIEEE(b)
	sum[0], sum[1], sum[2], sum[3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	return [2]string{"x-amz-checksum-crc32", base64.StdEncoding.EncodeToString(sum[:])}
}

// payload is 66560 bytes: the AWS docs' example size (64 KiB + 1 KiB).
func payload() []byte {
	return bytes.Repeat([]byte("a"), 65536+1024)
}

func TestChunkedAccepts(t *testing.T) {
	body := payload()
	tests := []struct {
		name string
		c    chunked
	}{
		{"signed, docs example sizes", chunked{mode: streamSigned, body: body, sizes: []int{65536}}},
		{"signed, many small chunks", chunked{mode: streamSigned, body: []byte("hello, chunked world"), sizes: []int{1, 2, 3, 5, 8}}},
		{"signed, empty body", chunked{mode: streamSigned}},
		{"signed, temporary credentials", chunked{mode: streamSigned, body: body, sizes: []int{8192}, cred: temporary}},
		{"signed with trailer", chunked{mode: streamSignedT, body: body, sizes: []int{65536},
			trailers: [][2]string{crc32Trailer(body)}}},
		{"unsigned with trailer (the SDK's flexible checksums)", chunked{mode: streamUnsignT, body: body, sizes: []int{65536},
			trailers: [][2]string{crc32Trailer(body)}}},
		{"unsigned with trailer, empty body", chunked{mode: streamUnsignT, trailers: [][2]string{crc32Trailer(nil)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, got, err := verifyAndRead(verifierAt(signedAt), tt.c.request(t))
			if err != nil {
				t.Fatalf("Verify/read: %v", err)
			}
			if !bytes.Equal(got, tt.c.body) {
				t.Errorf("decoded %d bytes, want %d (first diff matters)", len(got), len(tt.c.body))
			}
			if res.ContentLength != int64(len(tt.c.body)) {
				t.Errorf("ContentLength = %d, want %d", res.ContentLength, len(tt.c.body))
			}
			cr, ok := res.Body.(*chunkReader)
			if !ok {
				t.Fatalf("body is %T, want *chunkReader", res.Body)
			}
			for _, kv := range tt.c.trailers {
				if v := cr.Trailers.Get(kv[0]); v != kv[1] {
					t.Errorf("trailer %s = %q, want %q", kv[0], v, kv[1])
				}
			}
		})
	}
}

func TestChunkedRejects(t *testing.T) {
	body := payload()
	flipIn := func(marker string, offset int) func([]byte) []byte {
		return func(b []byte) []byte {
			i := bytes.Index(b, []byte(marker))
			if i < 0 {
				panic("marker not found: " + marker)
			}
			b[i+len(marker)+offset] ^= 0x01
			return b
		}
	}
	tests := []struct {
		name string
		c    chunked
		want Kind
	}{
		{"one byte flipped in the first chunk", chunked{mode: streamSigned, body: body, sizes: []int{65536},
			tamper: flipIn("\r\n", 100)}, BadSignature},
		{"one byte flipped in the last data chunk", chunked{mode: streamSigned, body: body, sizes: []int{65536},
			tamper: func(b []byte) []byte {
				i := bytes.Index(b, []byte("400;chunk-signature="))
				b[i+len("400;chunk-signature=")+64+2+10] ^= 0x01
				return b
			}}, BadSignature},
		{"wrong chunk signature", chunked{mode: streamSigned, body: body, sizes: []int{65536},
			tamper: flipIn("10000;chunk-signature=", 3)}, BadSignature},
		{"wrong final chunk signature", chunked{mode: streamSigned, body: body, sizes: []int{65536},
			tamper: flipIn("\r\n0;chunk-signature=", 0)}, BadSignature},
		{"chunks swapped", chunked{mode: streamSigned, body: []byte("QQQQZZZZ"), sizes: []int{4},
			tamper: func(b []byte) []byte {
				b = bytes.Replace(b, []byte("QQQQ"), []byte("...."), 1)
				b = bytes.Replace(b, []byte("ZZZZ"), []byte("QQQQ"), 1)
				return bytes.Replace(b, []byte("...."), []byte("ZZZZ"), 1)
			}}, BadSignature},
		{"chunk signature missing", chunked{mode: streamSigned, body: []byte("abc"),
			tamper: func(b []byte) []byte {
				i := bytes.Index(b, []byte(";chunk-signature="))
				return append(b[:i], b[i+len(";chunk-signature=")+64:]...)
			}}, BadSignature},
		{"trailer value changed", chunked{mode: streamSignedT, body: body, sizes: []int{65536},
			trailers: [][2]string{crc32Trailer(body)},
			tamper:   flipIn("x-amz-checksum-crc32:", 0)}, BadSignature},
		{"trailer signature wrong", chunked{mode: streamSignedT, body: body, sizes: []int{65536},
			trailers: [][2]string{crc32Trailer(body)},
			tamper:   flipIn("x-amz-trailer-signature:", 5)}, BadSignature},
		{"trailer signature missing", chunked{mode: streamSignedT, body: body,
			trailers: [][2]string{crc32Trailer(body)},
			tamper: func(b []byte) []byte {
				i := bytes.Index(b, []byte("x-amz-trailer-signature:"))
				return append(b[:i], "\r\n"...)
			}}, BadSignature},
		{"bad chunk size", chunked{mode: streamSigned, body: []byte("abc"),
			tamper: func(b []byte) []byte { b[0] = 'z'; return b }}, Malformed},
		{"no CRLF after chunk data", chunked{mode: streamUnsignT, body: []byte("abcdef"), sizes: []int{3},
			trailers: [][2]string{crc32Trailer([]byte("abcdef"))},
			tamper: func(b []byte) []byte {
				return bytes.Replace(b, []byte("abc\r\n"), []byte("abcX\n"), 1)
			}}, Malformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := verifyAndRead(verifierAt(signedAt), tt.c.request(t))
			if err == nil {
				t.Fatal("decoded the body without error")
			}
			if got := kindOf(t, err); got != tt.want {
				t.Errorf("kind = %s (%v), want %s", kindName(got), err, kindName(tt.want))
			}
		})
	}
}

func TestChunkedTruncated(t *testing.T) {
	c := chunked{mode: streamSigned, body: payload(), sizes: []int{65536}}
	full := c.request(t)
	framed, _ := io.ReadAll(full.Body)
	for _, cut := range []int{1, 10, 1000, 66000, len(framed) - 90} {
		t.Run(strconv.Itoa(cut), func(t *testing.T) {
			r := c.request(t)
			r.Body = io.NopCloser(bytes.NewReader(framed[:cut]))
			_, _, err := verifyAndRead(verifierAt(signedAt), r)
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				var e *Error
				if !errors.As(err, &e) || e.Kind != Malformed {
					t.Fatalf("err = %v, want unexpected EOF or Malformed", err)
				}
			}
		})
	}
}

func TestChunkedStopsAtDeclaredSize(t *testing.T) {
	// Bytes after the final chunk are not part of the payload.
	c := chunked{mode: streamSigned, body: []byte("abc"),
		tamper: func(b []byte) []byte { return append(b, "garbage after the end"...) }}
	_, got, err := verifyAndRead(verifierAt(signedAt), c.request(t))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "abc" {
		t.Errorf("body = %q", got)
	}
}

func TestUnframe(t *testing.T) {
	body := []byte("0123456789abcdef")
	for _, mode := range []string{streamSigned, streamSignedT, streamUnsignT} {
		t.Run(mode, func(t *testing.T) {
			c := chunked{mode: mode, body: body, sizes: []int{5}}
			if mode != streamSigned {
				c.trailers = [][2]string{crc32Trailer(body)}
			}
			r := c.request(t)
			// Unframe checks nothing: a wrong secret does not matter.
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "Signature=", "Signature=0", 1))
			rd, n, _ := Unframe(r)
			got, err := io.ReadAll(rd)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, body) || n != int64(len(body)) {
				t.Errorf("Unframe = %q, %d", got, n)
			}
		})
	}
	t.Run("plain body", func(t *testing.T) {
		r := req{method: http.MethodPut, url: "http://h/b/k", body: "plain", service: "s3"}.sign(t)
		rd, n, _ := Unframe(r)
		got, _ := io.ReadAll(rd)
		if string(got) != "plain" || n != 5 {
			t.Errorf("Unframe = %q, %d", got, n)
		}
	})
}

func TestChunkedDeclaredLengthMismatch(t *testing.T) {
	body := []byte("0123456789abcdef")
	for _, declared := range []int{len(body) - 1, len(body) + 1} {
		t.Run(strconv.Itoa(declared), func(t *testing.T) {
			c := chunked{mode: streamUnsignT, body: body, sizes: []int{5}, trailers: [][2]string{crc32Trailer(body)}}
			r := c.request(t)
			r.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(declared))
			rd, _, _ := Unframe(r)
			_, err := io.ReadAll(rd)
			if got := kindOf(t, err); got != BadLength {
				t.Errorf("kind = %s (%v), want BadLength", kindName(got), err)
			}
		})
	}
}
