package s3_test

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/drydock-sandbox/drydock/fakeaws"
	clocktesting "k8s.io/utils/clock/testing"
)

// serveDir runs fakeaws on dir until stop is called.
func serveDir(t *testing.T, dir string, clk *clocktesting.FakeClock) (c *s3.Client, stop func()) {
	t.Helper()
	srv, err := fakeaws.New(fakeaws.WithDataDir(dir), fakeaws.WithClock(clk), fakeaws.WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(hs.URL), HTTPClient: hs.Client(), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider(fakeaws.DefaultAccessKey, fakeaws.DefaultSecret, "")}
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			hs.Close()
			if err := srv.Close(); err != nil {
				t.Errorf("close: %v", err)
			}
		}
	}
	t.Cleanup(stop)
	return client(cfg, clk), stop
}

func TestRestartKeepsObjects(t *testing.T) {
	dir := t.TempDir()
	clk := clocktesting.NewFakeClock(epoch)
	c, stop := serveDir(t, dir, clk)
	must[*s3.CreateBucketOutput](t)(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("durable")}))
	must[*s3.PutBucketVersioningOutput](t)(c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("durable"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}))
	put := must[*s3.PutObjectOutput](t)(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("durable"), Key: aws.String("k"),
		Body: bytes.NewReader([]byte("kept across restarts")), Metadata: map[string]string{"m": "v"}}))
	clk.Step(time.Minute)
	up := must[*s3.CreateMultipartUploadOutput](t)(c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("durable"), Key: aws.String("mp")}))
	part := must[*s3.UploadPartOutput](t)(c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("durable"), Key: aws.String("mp"), UploadId: up.UploadId,
		PartNumber: aws.Int32(1), Body: bytes.NewReader([]byte("part one"))}))
	stop()

	// A blob whose state never committed (a crash between the two) is
	// swept at start; referenced ones stay.
	orphan := filepath.Join(dir, "blobs", "ff", "ff00000000000000000000000000orph")
	if err := os.MkdirAll(filepath.Dir(orphan), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(orphan, []byte("orphan"), 0o600); err != nil {
		t.Fatal(err)
	}

	clk.Step(time.Hour)
	c, _ = serveDir(t, dir, clk)
	if _, err := os.Stat(orphan); !os.IsNotExist(err) {
		t.Errorf("orphaned blob survived the restart: %v", err)
	}
	out := must[*s3.GetObjectOutput](t)(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("durable"), Key: aws.String("k")}))
	var body bytes.Buffer
	body.ReadFrom(out.Body)
	out.Body.Close()
	if body.String() != "kept across restarts" || aws.ToString(out.ETag) != aws.ToString(put.ETag) ||
		aws.ToString(out.VersionId) != aws.ToString(put.VersionId) || !aws.ToTime(out.LastModified).Equal(epoch) || out.Metadata["m"] != "v" {
		t.Errorf("after restart: %q ETag %s version %s modified %v meta %v (want ETag %s version %s modified %v)",
			body.String(), aws.ToString(out.ETag), aws.ToString(out.VersionId), aws.ToTime(out.LastModified), out.Metadata,
			aws.ToString(put.ETag), aws.ToString(put.VersionId), epoch)
	}
	parts := must[*s3.ListPartsOutput](t)(c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("durable"), Key: aws.String("mp"), UploadId: up.UploadId}))
	if len(parts.Parts) != 1 || aws.ToString(parts.Parts[0].ETag) != aws.ToString(part.ETag) {
		t.Fatalf("parts after restart = %+v", parts.Parts)
	}
	must[*s3.CompleteMultipartUploadOutput](t)(c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("durable"), Key: aws.String("mp"),
		UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: part.ETag}}}}))
	mp := must[*s3.GetObjectOutput](t)(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("durable"), Key: aws.String("mp")}))
	body.Reset()
	body.ReadFrom(mp.Body)
	mp.Body.Close()
	if body.String() != "part one" || !aws.ToTime(mp.LastModified).Equal(epoch.Add(time.Minute)) {
		t.Errorf("completed after restart: %q modified %v", body.String(), aws.ToTime(mp.LastModified))
	}
}
