package s3_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func BenchmarkPutObject1KiB(b *testing.B) {
	h := start(b)
	h.createBucket(b, "bench-bucket")
	data := pattern(1024, 9)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		_, err := h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bench-bucket"), Key: aws.String(fmt.Sprintf("k%d", i%100)), Body: bytes.NewReader(data)})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGetObject1KiB(b *testing.B) {
	h := start(b)
	h.createBucket(b, "bench-bucket")
	data := pattern(1024, 9)
	h.put(b, "bench-bucket", "k", string(data))
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		out, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bench-bucket"), Key: aws.String("k")})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, out.Body); err != nil {
			b.Fatal(err)
		}
		out.Body.Close()
	}
}
