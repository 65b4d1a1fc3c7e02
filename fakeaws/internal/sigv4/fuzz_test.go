package sigv4

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

var fuzzModes = []string{streamSigned, streamSignedT, streamUnsignT, "unframe"}

// fuzzScope and fuzzKey sign the seed corpus of FuzzChunkDecoder.
var (
	fuzzScope = Scope{AccessKey: longTerm.AccessKey, Date: "20261123", Region: "us-east-1", Service: "s3"}
	fuzzKey   = signingKey(longTerm.Secret, fuzzScope)
	fuzzSeed  = strings.Repeat("5", 64)
	fuzzDate  = "20261123T120000Z"
)

func fuzzDecoder(body []byte, mode string) io.Reader {
	if mode == "unframe" {
		r := httptest.NewRequest(http.MethodPut, "/b/k", bytes.NewReader(body))
		r.Header.Set("X-Amz-Content-Sha256", streamSigned)
		rd, _, _ := Unframe(r)
		return rd
	}
	return newChunkReader(bytes.NewReader(body), mode, fuzzKey, fuzzDate, fuzzScope, fuzzSeed, -1)
}

// declaredChunks is a reference parser: the data of the chunks the body
// declares, up to the final zero-size chunk, and whether it found one.
func declaredChunks(body []byte) ([]byte, bool) {
	br := bufio.NewReader(bytes.NewReader(body))
	var out []byte
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return out, false
		}
		sizeStr, _, _ := strings.Cut(strings.TrimRight(line, "\r\n"), ";")
		n, err := strconv.ParseInt(strings.TrimSpace(sizeStr), 16, 64)
		if err != nil || n < 0 || n > int64(len(body)) {
			return out, false
		}
		if n == 0 {
			return out, true
		}
		data := make([]byte, n)
		if _, err := io.ReadFull(br, data); err != nil {
			return out, false
		}
		out = append(out, data...)
		if _, err := br.ReadString('\n'); err != nil {
			return out, false
		}
	}
}

func FuzzChunkDecoder(f *testing.F) {
	body := []byte("hello, chunked world: some bytes to split")
	trailer := [][2]string{crc32Trailer(body)}
	for _, c := range []chunked{
		{mode: streamSigned, body: body, sizes: []int{7, 11}},
		{mode: streamSigned},
		{mode: streamSignedT, body: body, sizes: []int{16}, trailers: trailer},
		{mode: streamUnsignT, body: body, sizes: []int{3, 3, 3}, trailers: trailer},
	} {
		for i, m := range fuzzModes {
			if m == c.mode {
				f.Add(c.frame(fuzzKey, fuzzDate, fuzzScope, fuzzSeed), uint8(i), uint8(5))
			}
		}
	}
	f.Add([]byte("5\r\nhello\r\n0\r\n\r\n"), uint8(2), uint8(1))
	f.Add([]byte("5\r\nhello\r\n0\r\n\r\n"), uint8(3), uint8(64))
	f.Add([]byte("ffffffffffffffff\r\nx"), uint8(2), uint8(3))
	f.Add([]byte("7fffffffffffffff;chunk-signature=00\r\nxyz"), uint8(0), uint8(3))
	f.Add([]byte("-1\r\n"), uint8(2), uint8(1))
	f.Add([]byte("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n"), uint8(2), uint8(2))
	f.Add([]byte("3\r\nabc\r\n0\r\nno colon\r\n\r\n"), uint8(2), uint8(2))
	f.Add([]byte(strings.Repeat("0", 5000)+"\r\n"), uint8(2), uint8(9))
	f.Add([]byte("2;chunk-signature=\r\nab\r\n"), uint8(0), uint8(1))
	f.Add([]byte{}, uint8(1), uint8(0))

	f.Fuzz(func(t *testing.T, body []byte, modeIdx, bufSize uint8) {
		mode := fuzzModes[int(modeIdx)%len(fuzzModes)]
		rd := fuzzDecoder(body, mode)
		buf := make([]byte, int(bufSize)%64+1)
		var out []byte
		var err error
		for i := 0; ; i++ {
			var n int
			n, err = rd.Read(buf)
			if n < 0 || n > len(buf) {
				t.Fatalf("Read returned n=%d for a buffer of %d", n, len(buf))
			}
			out = append(out, buf[:n]...)
			if len(out) > len(body) {
				t.Fatalf("decoded %d bytes from a body of %d", len(out), len(body))
			}
			if err != nil {
				break
			}
			if i > len(body)+10 {
				t.Fatalf("no progress after %d reads", i)
			}
		}
		// Errors are sticky: the reader does not resume after one.
		if n, err2 := rd.Read(buf); n != 0 || err2 == nil {
			t.Fatalf("Read after %v: %d, %v", err, n, err2)
		}
		if err != io.EOF {
			var se *Error
			if !errors.As(err, &se) && !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("error %v (%T) is neither a *sigv4.Error nor unexpected EOF", err, err)
			}
			return
		}
		// A body decoded to the end holds exactly the declared chunks.
		want, complete := declaredChunks(body)
		if !complete {
			t.Fatalf("decoder reached EOF, reference parser found no final chunk in %q", body)
		}
		if !bytes.Equal(out, want) {
			t.Fatalf("decoded %q, declared chunks hold %q", out, want)
		}
	})
}

func FuzzAuthorizationHeader(f *testing.F) {
	valid := stsRequest().sign(f)
	f.Add(valid.Header.Get("Authorization"), valid.Header.Get("X-Amz-Date"), "")
	f.Add("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=00", "20261123T120000Z", "")
	f.Add("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/sts/aws4_request", "20261123T120000Z", "")
	f.Add("AWS4-HMAC-SHA256 Credential=/x, SignedHeaders=;, Signature=", "", "")
	f.Add("AWS4-HMAC-SHA256 ,,,,", "2", "")
	f.Add("AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request,SignedHeaders=content-length;transfer-encoding;host,Signature=x", "x", "")
	f.Add("Credential=", "", "")
	f.Add("AWS AKID:sig", "", "")
	f.Add("", "", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261123%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261123T120000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00")
	f.Add("", "", "X-Amz-Credential=a&X-Amz-Expires=-1")
	f.Add("", "", "X-Amz-Signature=x&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=99999999999999999999")
	f.Add("", "", "%zz&X-Amz-Credential=%")

	v := verifierAt(signedAt)
	f.Fuzz(func(t *testing.T, authz, amzDate, rawQuery string) {
		a, ok := parseAuthorization(authz)
		if ok && (a.scope.AccessKey == "" || a.signature == "" || len(a.signedHeaders) == 0) {
			t.Fatalf("parseAuthorization(%q) accepted an incomplete header: %+v", authz, a)
		}
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(stsBody))
		r.URL.RawQuery = rawQuery
		r.RequestURI = "/?" + rawQuery
		if authz != "" {
			r.Header["Authorization"] = []string{authz}
		}
		if amzDate != "" {
			r.Header["X-Amz-Date"] = []string{amzDate}
		}
		scope, found := ScopeOf(r)
		if ok && (!found || scope != a.scope) {
			t.Fatalf("ScopeOf = %+v, %v; parseAuthorization = %+v", scope, found, a.scope)
		}
		if found && scope.AccessKey == "" {
			t.Fatalf("ScopeOf found a scope without an access key: %+v", scope)
		}
		res, err := v.Verify(r, 1<<10)
		if err == nil {
			// Only the seeded valid request may pass.
			if res.Cred.AccessKey != longTerm.AccessKey {
				t.Fatalf("verified as %+v", res.Cred)
			}
			return
		}
		var se *Error
		if !errors.As(err, &se) {
			t.Fatalf("Verify error %v (%T) is not a *sigv4.Error", err, err)
		}
		if _, err := url.ParseQuery(rawQuery); err == nil && authz == "" && rawQuery == "" && se.Kind != Missing {
			t.Fatalf("unsigned request: kind %s", kindName(se.Kind))
		}
	})
}
