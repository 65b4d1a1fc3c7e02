package s3_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func TestConditionalWrites(t *testing.T) {
	h := start(t)
	h.createBucket(t, "cbucket")
	put := func(key, body string, ifMatch, ifNoneMatch *string) (*s3.PutObjectOutput, error) {
		return h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("cbucket"), Key: aws.String(key), Body: strings.NewReader(body), IfMatch: ifMatch, IfNoneMatch: ifNoneMatch})
	}
	first := must[*s3.PutObjectOutput](t)(put("k", "one", nil, aws.String("*")))
	_, err := put("k", "two", nil, aws.String("*"))
	wantErr(t, err, "PreconditionFailed", http.StatusPreconditionFailed)
	if got := h.body(t, "cbucket", "k"); got != "one" {
		t.Errorf("body after refused create = %q", got)
	}
	_, err = put("k", "two", aws.String(`"0123"`), nil)
	wantErr(t, err, "PreconditionFailed", http.StatusPreconditionFailed)
	second := must[*s3.PutObjectOutput](t)(put("k", "two", first.ETag, nil))
	if got := h.body(t, "cbucket", "k"); got != "two" || aws.ToString(second.ETag) != md5ETag("two") {
		t.Errorf("body after conditional replace = %q", got)
	}
	_, err = put("absent", "x", aws.String(`"abc"`), nil)
	wantErr(t, err, "NoSuchKey", http.StatusNotFound)
	for _, c := range []struct {
		name           string
		match, noMatch *string
	}{
		{"both", aws.String(`"a"`), aws.String("*")},
		{"if-none-match etag", nil, aws.String(`"a"`)},
		{"if-match star", aws.String("*"), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := put("k", "x", c.match, c.noMatch)
			wantErr(t, err, "NotImplemented", http.StatusNotImplemented)
		})
	}
	// After a delete, If-None-Match: * creates again.
	must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("cbucket"), Key: aws.String("k")}))
	must[*s3.PutObjectOutput](t)(put("k", "three", nil, aws.String("*")))
	// Conditional delete.
	_, err = h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("cbucket"), Key: aws.String("k"), IfMatch: aws.String(`"nope"`)})
	wantErr(t, err, "PreconditionFailed", http.StatusPreconditionFailed)
	must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("cbucket"), Key: aws.String("k"), IfMatch: aws.String(md5ETag("three"))}))
}

func TestConditionalWritesVersioned(t *testing.T) {
	h := start(t)
	h.createBucket(t, "cvbucket")
	enableVersioning(t, h, "cvbucket")
	h.put(t, "cvbucket", "k", "one")
	_, err := h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("cvbucket"), Key: aws.String("k"), Body: strings.NewReader("x"), IfNoneMatch: aws.String("*")})
	wantErr(t, err, "PreconditionFailed", http.StatusPreconditionFailed)
	must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("cvbucket"), Key: aws.String("k")}))
	// A delete marker counts as absent.
	_, err = h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("cvbucket"), Key: aws.String("k"), Body: strings.NewReader("x"), IfMatch: aws.String(md5ETag("one"))})
	wantErr(t, err, "NoSuchKey", http.StatusNotFound)
	must[*s3.PutObjectOutput](t)(h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("cvbucket"), Key: aws.String("k"), Body: strings.NewReader("x"), IfNoneMatch: aws.String("*")}))
}
