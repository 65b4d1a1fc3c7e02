package fakeaws_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash/crc32"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

const (
	streamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	unsignedTrailer  = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
)

func hmacSHA256(key []byte, s string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return m.Sum(nil)
}

// upload is an aws-chunked request: signed chunks (streamingPayload) or
// unsigned chunks with a checksum trailer (unsignedTrailer, what the SDK's
// S3 client sends for flexible checksums).
type upload struct {
	method, path, service, mode string
	body                        []byte
	chunk                       int
	tamper                      func([]byte) []byte
}

// frame frames u.body, chaining each chunk's signature from seed as the
// AWS docs describe when the mode is signed.
func (u upload) frame(key []byte, amzDate, scope, seed string) []byte {
	var b bytes.Buffer
	prev := seed
	chunk := func(data []byte) {
		b.WriteString(strconv.FormatInt(int64(len(data)), 16))
		if u.mode == streamingPayload {
			toSign := "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + prev + "\n" + sha256Hex(nil) + "\n" + sha256Hex(data)
			prev = hex.EncodeToString(hmacSHA256(key, toSign))
			b.WriteString(";chunk-signature=" + prev)
		}
		b.WriteString("\r\n")
		if len(data) > 0 {
			b.Write(data)
			b.WriteString("\r\n")
		}
	}
	for body := u.body; len(body) > 0; {
		m := min(u.chunk, len(body))
		chunk(body[:m])
		body = body[m:]
	}
	chunk(nil)
	if u.mode == unsignedTrailer {
		b.WriteString("x-amz-checksum-crc32:" + crc32Base64(u.body) + "\r\n")
	}
	b.WriteString("\r\n")
	return b.Bytes()
}

func crc32Base64(b []byte) string {
	v := crc32.ChecksumIEEE(b)
	return base64.StdEncoding.EncodeToString([]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

var authRE = regexp.MustCompile(`Credential=[^/]+/([^,]+), SignedHeaders=[^,]+, Signature=([0-9a-f]{64})`)

// send signs u's headers with the SDK signer, frames the body with the
// header signature as the seed, and sends it.
func (u upload) send(t *testing.T, srv *fakeawstest.Server) (*http.Response, []byte) {
	t.Helper()
	now := time.Now().UTC()
	placeholder := u.frame([]byte("k"), "", "", strings.Repeat("0", 64))
	req, err := http.NewRequest(u.method, srv.URL+u.path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = int64(len(placeholder))
	if u.service != "s3" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	}
	req.Header.Set("Content-Encoding", "aws-chunked")
	req.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(u.body)))
	req.Header.Set("X-Amz-Content-Sha256", u.mode)
	if u.mode == unsignedTrailer {
		req.Header.Set("X-Amz-Trailer", "x-amz-checksum-crc32")
		req.Header.Set("X-Amz-Sdk-Checksum-Algorithm", "CRC32")
	}
	creds := aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = u.service == "s3" })
	if err := signer.SignHTTP(context.Background(), creds, req, u.mode, u.service, "us-east-1", now); err != nil {
		t.Fatal(err)
	}
	m := authRE.FindStringSubmatch(req.Header.Get("Authorization"))
	if m == nil {
		t.Fatalf("Authorization %q", req.Header.Get("Authorization"))
	}
	scope, seed := m[1], m[2]
	key := []byte("AWS4" + creds.SecretAccessKey)
	for _, part := range strings.Split(scope, "/") {
		key = hmacSHA256(key, part)
	}
	framed := u.frame(key, req.Header.Get("X-Amz-Date"), scope, seed)
	if u.tamper != nil {
		framed = u.tamper(framed)
	}
	req.Body = io.NopCloser(bytes.NewReader(framed))
	resp, err := srv.HTTP.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, out
}

// TestChunkedBodyThroughServer sends a query-protocol body as signed
// aws-chunked: the server unframes it for the service, and a chunk whose
// signature fails answers the service's SignatureDoesNotMatch.
func TestChunkedBodyThroughServer(t *testing.T) {
	srv, _ := startAt(t, 0)
	body := []byte(gciBody + "&Padding=" + strings.Repeat("p", 300))

	post := upload{method: http.MethodPost, path: "/", service: "sts", mode: streamingPayload, body: body, chunk: 64}
	resp, out := post.send(t, srv)
	if resp.StatusCode != 200 || !strings.Contains(string(out), "<Account>"+defaultAccount+"</Account>") {
		t.Fatalf("chunked GetCallerIdentity: %d %s", resp.StatusCode, out)
	}

	flip := func(b []byte) []byte {
		i := bytes.LastIndex(b, []byte("ppp"))
		b[i] = 'q'
		return b
	}
	post.tamper = flip
	resp, out = post.send(t, srv)
	if e := parseQueryError(t, out); resp.StatusCode != 403 || e.Code != "SignatureDoesNotMatch" {
		t.Errorf("flipped byte: %d %+v", resp.StatusCode, e)
	}
}

// TestChunkedS3Uploads puts objects with both streaming forms and reads
// them back; a tampered chunk stores nothing.
func TestChunkedS3Uploads(t *testing.T) {
	srv, _ := startAt(t, 0)
	ctx := context.Background()
	c := s3Client(srv, "test", "test", "")
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("chunks")}); err != nil {
		t.Skipf("S3 CreateBucket not served yet: %v", err)
	}
	body := bytes.Repeat([]byte("0123456789abcdef"), 5000) // 80000 bytes
	for _, mode := range []string{streamingPayload, unsignedTrailer} {
		t.Run(mode, func(t *testing.T) {
			key := strings.ToLower(mode)
			u := upload{method: http.MethodPut, path: "/chunks/" + key, service: "s3", mode: mode, body: body, chunk: 65536}
			resp, out := u.send(t, srv)
			if resp.StatusCode != 200 {
				t.Fatalf("PUT: %d %s", resp.StatusCode, out)
			}
			got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("chunks"), Key: aws.String(key)})
			if err != nil {
				t.Fatal(err)
			}
			defer got.Body.Close()
			stored, _ := io.ReadAll(got.Body)
			if !bytes.Equal(stored, body) || aws.ToInt64(got.ContentLength) != int64(len(body)) {
				t.Errorf("stored %d bytes (Content-Length %d), sent %d", len(stored), aws.ToInt64(got.ContentLength), len(body))
			}
		})
	}
	t.Run("tampered chunk", func(t *testing.T) {
		u := upload{method: http.MethodPut, path: "/chunks/tampered", service: "s3", mode: streamingPayload, body: body, chunk: 65536,
			tamper: func(b []byte) []byte { b[len(b)-200] ^= 1; return b }}
		resp, out := u.send(t, srv)
		if e := parseS3Error(t, out); resp.StatusCode != 403 || e.Code != "SignatureDoesNotMatch" {
			t.Errorf("%d %+v", resp.StatusCode, e)
		}
		if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("chunks"), Key: aws.String("tampered")}); err == nil {
			t.Error("object stored from a body whose chunk signature failed")
		}
	})
}
