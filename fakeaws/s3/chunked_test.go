package s3_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/drydock-sandbox/drydock/fakeaws"
)

// TestAWSChunkedUpload sends an aws-chunked body with a trailing checksum,
// as SDKs do over TLS: the object is the decoded payload, and the
// aws-chunked content coding is not stored.
func TestAWSChunkedUpload(t *testing.T) {
	h := start(t, fakeaws.WithAuth(false))
	h.createBucket(t, "chunked")
	payload := "hello, chunked world"
	body := fmt.Sprintf("%x\r\n%s\r\n%x\r\n%s\r\n0\r\nx-amz-checksum-crc32:%s\r\n\r\n", 7, payload[:7], len(payload)-7, payload[7:], crc32Of(payload))
	hdr := http.Header{
		"Content-Encoding":             {"aws-chunked,gzip"},
		"X-Amz-Content-Sha256":         {"STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
		"X-Amz-Decoded-Content-Length": {fmt.Sprint(len(payload))},
		"X-Amz-Trailer":                {"x-amz-checksum-crc32"},
		"X-Amz-Sdk-Checksum-Algorithm": {"CRC32"},
	}
	req, _ := http.NewRequest(http.MethodPut, h.srv.URL+"/chunked/obj", strings.NewReader(body))
	req.Header = hdr
	resp, err := h.srv.HTTP.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("x-amz-checksum-crc32") != crc32Of(payload) || resp.Header.Get("ETag") != md5ETag(payload) {
		t.Fatalf("chunked PUT: %d crc32 %s etag %s", resp.StatusCode, resp.Header.Get("x-amz-checksum-crc32"), resp.Header.Get("ETag"))
	}
	got, out := h.get(t, &s3.GetObjectInput{Bucket: aws.String("chunked"), Key: aws.String("obj"), ChecksumMode: types.ChecksumModeEnabled})
	if got != payload || aws.ToString(out.ContentEncoding) != "gzip" || aws.ToString(out.ChecksumCRC32) != crc32Of(payload) {
		t.Errorf("object = %q, Content-Encoding %q, CRC32 %s", got, aws.ToString(out.ContentEncoding), aws.ToString(out.ChecksumCRC32))
	}
	// A trailing checksum that does not match the payload is refused.
	bad := strings.Replace(body, crc32Of(payload), crc32Of("something else"), 1)
	req, _ = http.NewRequest(http.MethodPut, h.srv.URL+"/chunked/badsum", strings.NewReader(bad))
	req.Header = hdr.Clone()
	resp, err = h.srv.HTTP.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("wrong trailing checksum: %d, want 400 BadDigest", resp.StatusCode)
	}
	_, err = h.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("chunked"), Key: aws.String("badsum")})
	wantErr(t, err, "NotFound", http.StatusNotFound)
	// A body that stops short of its declared length stores nothing.
	req, _ = http.NewRequest(http.MethodPut, h.srv.URL+"/chunked/short", strings.NewReader("5\r\nabc"))
	req.Header = hdr.Clone()
	resp, err = h.srv.HTTP.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("truncated chunked body: %d, want 400", resp.StatusCode)
	}
	_, err = h.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("chunked"), Key: aws.String("short")})
	wantErr(t, err, "NotFound", http.StatusNotFound)
}
