package s3_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func TestCopyObject(t *testing.T) {
	h := start(t, withOtherAccount())
	h.createBucket(t, "src-bucket")
	h.createBucket(t, "dst-bucket")
	must[*s3.PutObjectOutput](t)(h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src-bucket"), Key: aws.String("dir/a b+c%.txt"),
		Body: strings.NewReader("source body"), ContentType: aws.String("text/plain"), Metadata: map[string]string{"m": "1"},
		Tagging: aws.String("t=1"), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32}))
	h.clk.Step(time.Minute)
	source := "src-bucket/" + url.PathEscape("dir/a b+c%.txt")

	out := must[*s3.CopyObjectOutput](t)(h.s3.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dst-bucket"), Key: aws.String("copy"), CopySource: aws.String(source)}))
	r := out.CopyObjectResult
	if aws.ToString(r.ETag) != md5ETag("source body") || !aws.ToTime(r.LastModified).Equal(epoch.Add(time.Minute)) || aws.ToString(r.ChecksumCRC32) != crc32Of("source body") {
		t.Errorf("copy result = %s %v %s", aws.ToString(r.ETag), aws.ToTime(r.LastModified), aws.ToString(r.ChecksumCRC32))
	}
	body, got := h.get(t, &s3.GetObjectInput{Bucket: aws.String("dst-bucket"), Key: aws.String("copy")})
	if body != "source body" || aws.ToString(got.ContentType) != "text/plain" || got.Metadata["m"] != "1" || aws.ToInt32(got.TagCount) != 1 {
		t.Errorf("copied object = %q %s %v tags %d", body, aws.ToString(got.ContentType), got.Metadata, aws.ToInt32(got.TagCount))
	}

	// REPLACE sets new metadata.
	must[*s3.CopyObjectOutput](t)(h.s3.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dst-bucket"), Key: aws.String("replaced"), CopySource: aws.String(source),
		MetadataDirective: types.MetadataDirectiveReplace, ContentType: aws.String("application/x-new"), Metadata: map[string]string{"n": "2"},
		TaggingDirective: types.TaggingDirectiveReplace}))
	_, got = h.get(t, &s3.GetObjectInput{Bucket: aws.String("dst-bucket"), Key: aws.String("replaced")})
	if aws.ToString(got.ContentType) != "application/x-new" || got.Metadata["n"] != "2" || got.Metadata["m"] != "" || got.TagCount != nil {
		t.Errorf("replaced = %s %v tags %v", aws.ToString(got.ContentType), got.Metadata, got.TagCount)
	}

	// Copying onto itself needs a change.
	_, err := h.s3.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("src-bucket"), Key: aws.String("dir/a b+c%.txt"), CopySource: aws.String(source)})
	wantErr(t, err, "InvalidRequest", http.StatusBadRequest)
	must[*s3.CopyObjectOutput](t)(h.s3.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("src-bucket"), Key: aws.String("dir/a b+c%.txt"), CopySource: aws.String(source),
		MetadataDirective: types.MetadataDirectiveReplace, Metadata: map[string]string{"fresh": "yes"}}))

	cases := []struct {
		name   string
		in     s3.CopyObjectInput
		code   string
		status int
	}{
		{"missing source key", s3.CopyObjectInput{CopySource: aws.String("src-bucket/nope")}, "NoSuchKey", http.StatusNotFound},
		{"missing source bucket", s3.CopyObjectInput{CopySource: aws.String("no-bucket/k")}, "NoSuchBucket", http.StatusNotFound},
		{"no key", s3.CopyObjectInput{CopySource: aws.String("src-bucket")}, "InvalidArgument", http.StatusBadRequest},
		{"bad directive", s3.CopyObjectInput{CopySource: aws.String(source), MetadataDirective: "MOVE"}, "InvalidArgument", http.StatusBadRequest},
		{"source if-match", s3.CopyObjectInput{CopySource: aws.String(source), CopySourceIfMatch: aws.String(`"nope"`)}, "PreconditionFailed", http.StatusPreconditionFailed},
		{"source if-none-match unquoted", s3.CopyObjectInput{CopySource: aws.String(source), CopySourceIfNoneMatch: aws.String(strings.Trim(md5ETag("source body"), `"`))}, "PreconditionFailed", http.StatusPreconditionFailed},
		{"source if-unmodified-since", s3.CopyObjectInput{CopySource: aws.String(source), CopySourceIfUnmodifiedSince: aws.Time(epoch.Add(-time.Hour))}, "PreconditionFailed", http.StatusPreconditionFailed},
		{"source if-modified-since", s3.CopyObjectInput{CopySource: aws.String(source), CopySourceIfModifiedSince: aws.Time(epoch.Add(time.Minute))}, "PreconditionFailed", http.StatusPreconditionFailed},
		{"destination if-none-match", s3.CopyObjectInput{CopySource: aws.String(source), IfNoneMatch: aws.String("*"), Key: aws.String("copy")}, "PreconditionFailed", http.StatusPreconditionFailed},
		{"destination if-match missing", s3.CopyObjectInput{CopySource: aws.String(source), IfMatch: aws.String(`"x"`), Key: aws.String("nothing")}, "NoSuchKey", http.StatusNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in
			in.Bucket = aws.String("dst-bucket")
			if in.Key == nil {
				in.Key = aws.String("target")
			}
			_, err := h.s3.CopyObject(ctx, &in)
			wantErr(t, err, c.code, c.status)
		})
	}
	// A future If-Modified-Since is ignored, as AWS does.
	must[*s3.CopyObjectOutput](t)(h.s3.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dst-bucket"), Key: aws.String("future"), CopySource: aws.String(source),
		CopySourceIfModifiedSince: aws.Time(epoch.Add(48 * time.Hour))}))
	// Another account's source is denied.
	_, err = h.otherClient(t).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dst-bucket"), Key: aws.String("x"), CopySource: aws.String(source)})
	wantErr(t, err, "AccessDenied", http.StatusForbidden)
}

func TestCopyObjectVersions(t *testing.T) {
	h := start(t)
	h.createBucket(t, "cv-bucket")
	enableVersioning(t, h, "cv-bucket")
	v1 := aws.ToString(h.put(t, "cv-bucket", "k", "first").VersionId)
	h.put(t, "cv-bucket", "k", "second")
	out := must[*s3.CopyObjectOutput](t)(h.s3.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("cv-bucket"), Key: aws.String("k"),
		CopySource: aws.String("cv-bucket/k?versionId=" + v1)}))
	if aws.ToString(out.CopySourceVersionId) != v1 || aws.ToString(out.VersionId) == "" || aws.ToString(out.VersionId) == v1 {
		t.Errorf("copy versions: source %q new %q", aws.ToString(out.CopySourceVersionId), aws.ToString(out.VersionId))
	}
	if got := h.body(t, "cv-bucket", "k"); got != "first" {
		t.Errorf("restored body = %q", got)
	}
	del := must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("cv-bucket"), Key: aws.String("k")}))
	_, err := h.s3.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("cv-bucket"), Key: aws.String("x"), CopySource: aws.String("cv-bucket/k?versionId=" + aws.ToString(del.VersionId))})
	wantErr(t, err, "InvalidRequest", http.StatusBadRequest)
	_, err = h.s3.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("cv-bucket"), Key: aws.String("x"), CopySource: aws.String("cv-bucket/k")})
	wantErr(t, err, "NoSuchKey", http.StatusNotFound)
}
