package integration

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// TestExpectContinueRefusal: most S3 clients (botocore, so the AWS CLI and
// boto3; curl; the Java SDK) send a PUT's headers with
// "Expect: 100-continue" and wait for "100 Continue" before the body. A PUT
// the server refuses without reading the body must be answered at once, as
// S3 does, not after the client's 100-continue timeout (1 s in botocore).
// (The Go SDK sets the header but its requests never wait, so this test
// sends a plain signed net/http request.)
func TestExpectContinueRefusal(t *testing.T) {
	integration(t)
	s := startServer(t, "--in-memory")
	ctx := context.Background()
	sdk := s.defaultClients()
	const bucket = "expect-continue"
	if _, err := sdk.S3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("CreateBucket: %v", err)
	}
	if _, err := sdk.S3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("k"), Body: strings.NewReader("first")}); err != nil {
		t.Fatalf("PutObject: %v", err)
	}

	const wait = 5 * time.Second
	tr := &http.Transport{ExpectContinueTimeout: wait}
	t.Cleanup(tr.CloseIdleConnections)
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	for _, tc := range []struct {
		name, path string
		header     map[string]string
		status     int
		code       string
	}{
		{"If-None-Match on an existing key", "/" + bucket + "/k", map[string]string{"If-None-Match": "*"}, http.StatusPreconditionFailed, "PreconditionFailed"},
		{"missing bucket", "/no-such-bucket-here/k", nil, http.StatusNotFound, "NoSuchBucket"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := bytes.Repeat([]byte("x"), 1<<20)
			req, err := http.NewRequestWithContext(ctx, http.MethodPut, s.Endpoint+tc.path, bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Expect", "100-continue")
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			sum := sha256.Sum256(body)
			hash := hex.EncodeToString(sum[:])
			req.Header.Set("X-Amz-Content-Sha256", hash)
			creds := aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}
			if err := v4.NewSigner().SignHTTP(ctx, creds, req, hash, "s3", "us-east-1", time.Now()); err != nil {
				t.Fatal(err)
			}
			got100 := false
			req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{Got100Continue: func() { got100 = true }}))
			start := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				t.Fatalf("PUT %s: %v", tc.path, err)
			}
			defer resp.Body.Close()
			took := time.Since(start)
			doc, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || !strings.Contains(string(doc), "<Code>"+tc.code+"</Code>") {
				t.Fatalf("PUT %s = %d %s, want %d %s", tc.path, resp.StatusCode, doc, tc.status, tc.code)
			}
			if took > wait/2 {
				t.Errorf("PUT %s with Expect: 100-continue: the %d came after %v (100 Continue sent: %v): the server answered only once the client gave up waiting (%v) and sent the body",
					tc.path, resp.StatusCode, took.Round(time.Millisecond), got100, wait)
			}
		})
	}
}
