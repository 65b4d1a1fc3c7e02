package s3_test

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash/crc32"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

func md5ETag(s string) string {
	sum := md5.Sum([]byte(s))
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func crc32Of(s string) string { return b64BE(crc32.ChecksumIEEE([]byte(s))) }

func b64BE(v uint32) string {
	return b64([]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

func TestPutGetObjectRoundTrip(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	expires := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	put := must[*s3.PutObjectOutput](t)(h.s3.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String("bkt"), Key: aws.String("dir/file.txt"), Body: strings.NewReader("hello world"),
		ContentType: aws.String("text/plain"), CacheControl: aws.String("max-age=60"),
		ContentDisposition: aws.String(`attachment; filename="f.txt"`), ContentEncoding: aws.String("identity"),
		ContentLanguage: aws.String("en"), Expires: aws.Time(expires),
		Metadata: map[string]string{"Owner-Name": "Ada", "color": "blue"}, Tagging: aws.String("a=1&b=2"),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc32,
	}))
	if aws.ToString(put.ETag) != md5ETag("hello world") {
		t.Errorf("ETag = %s, want %s", aws.ToString(put.ETag), md5ETag("hello world"))
	}
	if aws.ToString(put.ChecksumCRC32) != crc32Of("hello world") || put.ChecksumType != types.ChecksumTypeFullObject {
		t.Errorf("checksum = %s (%s), want %s FULL_OBJECT", aws.ToString(put.ChecksumCRC32), put.ChecksumType, crc32Of("hello world"))
	}
	if put.VersionId != nil || put.ServerSideEncryption != types.ServerSideEncryptionAes256 {
		t.Errorf("version %v, encryption %q", put.VersionId, put.ServerSideEncryption)
	}
	h.clk.Step(time.Hour)

	body, out := h.get(t, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("dir/file.txt"), ChecksumMode: types.ChecksumModeEnabled})
	if body != "hello world" {
		t.Errorf("body = %q", body)
	}
	checks := map[string][2]string{
		"ContentType":        {aws.ToString(out.ContentType), "text/plain"},
		"CacheControl":       {aws.ToString(out.CacheControl), "max-age=60"},
		"ContentDisposition": {aws.ToString(out.ContentDisposition), `attachment; filename="f.txt"`},
		"ContentEncoding":    {aws.ToString(out.ContentEncoding), "identity"},
		"ContentLanguage":    {aws.ToString(out.ContentLanguage), "en"},
		"ExpiresString":      {aws.ToString(out.ExpiresString), expires.Format(http.TimeFormat)},
		"ETag":               {aws.ToString(out.ETag), md5ETag("hello world")},
		"Metadata owner":     {out.Metadata["owner-name"], "Ada"},
		"Metadata color":     {out.Metadata["color"], "blue"},
		"ChecksumCRC32":      {aws.ToString(out.ChecksumCRC32), crc32Of("hello world")},
		"AcceptRanges":       {aws.ToString(out.AcceptRanges), "bytes"},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if !aws.ToTime(out.LastModified).Equal(epoch) || aws.ToInt64(out.ContentLength) != 11 || aws.ToInt32(out.TagCount) != 2 {
		t.Errorf("LastModified %v, ContentLength %d, TagCount %d", aws.ToTime(out.LastModified), aws.ToInt64(out.ContentLength), aws.ToInt32(out.TagCount))
	}

	head := must[*s3.HeadObjectOutput](t)(h.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("dir/file.txt")}))
	if aws.ToInt64(head.ContentLength) != 11 || aws.ToString(head.ETag) != md5ETag("hello world") || head.Metadata["color"] != "blue" || !aws.ToTime(head.LastModified).Equal(epoch) {
		t.Errorf("head = %d %s %v %v", aws.ToInt64(head.ContentLength), aws.ToString(head.ETag), head.Metadata, head.LastModified)
	}

	_, over := h.get(t, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("dir/file.txt"),
		ResponseContentType: aws.String("application/json"), ResponseContentDisposition: aws.String("inline"), ResponseCacheControl: aws.String("no-cache")})
	if aws.ToString(over.ContentType) != "application/json" || aws.ToString(over.ContentDisposition) != "inline" || aws.ToString(over.CacheControl) != "no-cache" {
		t.Errorf("overrides = %s %s %s", aws.ToString(over.ContentType), aws.ToString(over.ContentDisposition), aws.ToString(over.CacheControl))
	}

	tags := must[*s3.GetObjectTaggingOutput](t)(h.s3.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String("bkt"), Key: aws.String("dir/file.txt")}))
	if len(tags.TagSet) != 2 || aws.ToString(tags.TagSet[0].Key) != "a" || aws.ToString(tags.TagSet[1].Value) != "2" {
		t.Errorf("tags = %+v", tags.TagSet)
	}
	must[*s3.PutObjectTaggingOutput](t)(h.s3.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String("bkt"), Key: aws.String("dir/file.txt"),
		Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("only"), Value: aws.String("one")}}}}))
	tags = must[*s3.GetObjectTaggingOutput](t)(h.s3.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String("bkt"), Key: aws.String("dir/file.txt")}))
	if len(tags.TagSet) != 1 || aws.ToString(tags.TagSet[0].Key) != "only" {
		t.Errorf("tags after put = %+v", tags.TagSet)
	}
	must[*s3.DeleteObjectTaggingOutput](t)(h.s3.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: aws.String("bkt"), Key: aws.String("dir/file.txt")}))
	tags = must[*s3.GetObjectTaggingOutput](t)(h.s3.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String("bkt"), Key: aws.String("dir/file.txt")}))
	if len(tags.TagSet) != 0 {
		t.Errorf("tags after delete = %+v", tags.TagSet)
	}
	acl := must[*s3.GetObjectAclOutput](t)(h.s3.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String("bkt"), Key: aws.String("dir/file.txt")}))
	if len(acl.Grants) != 1 || acl.Grants[0].Permission != types.PermissionFullControl {
		t.Errorf("object acl = %+v", acl.Grants)
	}
	_, err := h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("t"), Tagging: aws.String("k=1&k=2")})
	wantErr(t, err, "InvalidArgument", http.StatusBadRequest)
}

func TestKeysRoundTrip(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	keys := []string{"a b", "a+b", "100%", "a//b", "/leading", "trailing/", "ünïcödé/日本語", "x?y=z&w", "#hash", "semi;colon",
		"tilde~", "a%2Fb", "%", "with\ttab", "emoji😀", "dots/../up", "./dot"}
	for _, k := range keys {
		h.put(t, "bkt", k, "body of "+k)
	}
	for _, k := range keys {
		if got := h.body(t, "bkt", k); got != "body of "+k {
			t.Errorf("key %q: body %q", k, got)
		}
	}
	list := must[*s3.ListObjectsV2Output](t)(h.s3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt")}))
	var got []string
	for _, o := range list.Contents {
		got = append(got, aws.ToString(o.Key))
	}
	want := append([]string(nil), keys...)
	sort.Strings(want)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("listed keys\n got %q\nwant %q", got, want)
	}
	// Virtual-host style too, and keys that need escaping in a delete.
	vh := h.virtualClient(t)
	for _, k := range []string{"a b", "a+b", "a//b"} {
		b, err := vh.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String(k)})
		if err != nil {
			t.Fatalf("virtual-host get %q: %v", k, err)
		}
		b.Body.Close()
	}
	must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("a+b")}))
	if _, err := h.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("a b")}); err != nil {
		t.Errorf("deleting %q removed %q: %v", "a+b", "a b", err)
	}
}

func TestGetObjectRange(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	h.put(t, "bkt", "digits", "0123456789")
	cases := []struct {
		rng, body, contentRange string
	}{
		{"bytes=0-8", "012345678", "bytes 0-8/10"},
		{"bytes=1-1", "1", "bytes 1-1/10"},
		{"bytes=1-0", "0123456789", ""},
		{"bytes=1-", "123456789", "bytes 1-9/10"},
		{"bytes=-1-", "0123456789", ""},
		{"bytes=-2", "89", "bytes 8-9/10"},
		{"bytes=-9", "123456789", "bytes 1-9/10"},
		{"bytes=-15", "0123456789", "bytes 0-9/10"},
		{"bytes=0-100", "0123456789", "bytes 0-9/10"},
		{"bytes=0-0", "0", "bytes 0-0/10"},
		{"bytes=0--1", "0123456789", ""},
		{"bytes=0-1,3-4", "0123456789", ""},
		{"0-1", "0123456789", ""},
		{"bytes=-", "0123456789", ""},
	}
	for _, c := range cases {
		t.Run(c.rng, func(t *testing.T) {
			body, out := h.get(t, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("digits"), Range: aws.String(c.rng), ChecksumMode: types.ChecksumModeEnabled})
			if body != c.body || aws.ToString(out.ContentRange) != c.contentRange || aws.ToInt64(out.ContentLength) != int64(len(c.body)) {
				t.Errorf("got %q range %q length %d, want %q range %q", body, aws.ToString(out.ContentRange), aws.ToInt64(out.ContentLength), c.body, c.contentRange)
			}
			if (c.contentRange != "") != (out.ChecksumCRC64NVME == nil) {
				t.Errorf("checksum %v on range %q: only whole-object responses carry the checksum", out.ChecksumCRC64NVME, c.contentRange)
			}
		})
	}
	for _, rng := range []string{"bytes=-0", "bytes=100-200", "bytes=10-"} {
		_, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("digits"), Range: aws.String(rng)})
		wantErr(t, err, "InvalidRange", http.StatusRequestedRangeNotSatisfiable)
	}
}

func TestConditionalReads(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	etag := aws.ToString(h.put(t, "bkt", "k", "v").ETag)
	before, after := epoch.Add(-time.Hour), epoch.Add(time.Hour)
	h.clk.Step(2 * time.Hour)
	cases := []struct {
		name string
		in   s3.GetObjectInput
		code string // "" for success
	}{
		{"if-match", s3.GetObjectInput{IfMatch: aws.String(etag)}, ""},
		{"if-match unquoted", s3.GetObjectInput{IfMatch: aws.String(strings.Trim(etag, `"`))}, ""},
		{"if-match other", s3.GetObjectInput{IfMatch: aws.String(`"other"`)}, "PreconditionFailed"},
		{"if-none-match", s3.GetObjectInput{IfNoneMatch: aws.String(etag)}, "NotModified"},
		{"if-none-match other", s3.GetObjectInput{IfNoneMatch: aws.String(`"other"`)}, ""},
		{"if-modified-since before", s3.GetObjectInput{IfModifiedSince: aws.Time(before)}, ""},
		{"if-modified-since after", s3.GetObjectInput{IfModifiedSince: aws.Time(after)}, "NotModified"},
		{"if-unmodified-since before", s3.GetObjectInput{IfUnmodifiedSince: aws.Time(before)}, "PreconditionFailed"},
		{"if-unmodified-since after", s3.GetObjectInput{IfUnmodifiedSince: aws.Time(after)}, ""},
		{"if-match wins over if-unmodified-since", s3.GetObjectInput{IfMatch: aws.String(etag), IfUnmodifiedSince: aws.Time(before)}, ""},
		{"if-none-match wins over if-modified-since", s3.GetObjectInput{IfNoneMatch: aws.String(etag), IfModifiedSince: aws.Time(before)}, "NotModified"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in
			in.Bucket, in.Key = aws.String("bkt"), aws.String("k")
			out, err := h.s3.GetObject(ctx, &in)
			if c.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				out.Body.Close()
				return
			}
			status := http.StatusPreconditionFailed
			if c.code == "NotModified" {
				status = http.StatusNotModified
			}
			wantErr(t, err, c.code, status)
		})
	}
	_, err := h.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), IfMatch: aws.String(`"x"`)})
	wantErr(t, err, "PreconditionFailed", http.StatusPreconditionFailed)
}

func TestMissingObjects(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	_, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("nope")})
	wantErr(t, err, "NoSuchKey", http.StatusNotFound)
	_, err = h.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("nope")})
	wantErr(t, err, "NotFound", http.StatusNotFound)
	_, err = h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("nobucket"), Key: aws.String("k")})
	wantErr(t, err, "NoSuchBucket", http.StatusNotFound)
	_, err = h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("nobucket"), Key: aws.String("k"), Body: strings.NewReader("x")})
	wantErr(t, err, "NoSuchBucket", http.StatusNotFound)
	_, err = h.s3.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String("bkt"), Key: aws.String("nope")})
	wantErr(t, err, "NoSuchKey", http.StatusNotFound)
	// Deleting what is not there succeeds.
	must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("nope")}))
	_, err = h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("nope"), VersionId: aws.String("HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD")})
	wantErr(t, err, "InvalidArgument", http.StatusBadRequest)
	// Unserved object operations say so.
	_, err = h.s3.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String("bkt"), Key: aws.String("k"), ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesEtag}})
	wantErr(t, err, "NotImplemented", http.StatusNotImplemented)
}

func TestDeleteObjects(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	for _, k := range []string{"a", "b", "c"} {
		h.put(t, "bkt", k, k)
	}
	out := must[*s3.DeleteObjectsOutput](t)(h.s3.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{
		Objects: []types.ObjectIdentifier{{Key: aws.String("a")}, {Key: aws.String("missing")}, {Key: aws.String("c"), VersionId: aws.String("HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD")}},
	}}))
	if len(out.Deleted) != 2 || aws.ToString(out.Deleted[0].Key) != "a" || aws.ToString(out.Deleted[1].Key) != "missing" {
		t.Errorf("deleted = %+v", out.Deleted)
	}
	if len(out.Errors) != 1 || aws.ToString(out.Errors[0].Code) != "NoSuchVersion" || aws.ToString(out.Errors[0].Key) != "c" {
		t.Errorf("errors = %+v", out.Errors)
	}
	quiet := must[*s3.DeleteObjectsOutput](t)(h.s3.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{
		Quiet: aws.Bool(true), Objects: []types.ObjectIdentifier{{Key: aws.String("b")}, {Key: aws.String("c")}},
	}}))
	if len(quiet.Deleted) != 0 || len(quiet.Errors) != 0 {
		t.Errorf("quiet result = %+v %+v", quiet.Deleted, quiet.Errors)
	}
	list := must[*s3.ListObjectsV2Output](t)(h.s3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt")}))
	if aws.ToInt32(list.KeyCount) != 0 {
		t.Errorf("objects left: %+v", list.Contents)
	}
	_, err := h.s3.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{Objects: []types.ObjectIdentifier{}}})
	wantErr(t, err, "MalformedXML", http.StatusBadRequest)
}

func TestBodyIntegrity(t *testing.T) {
	h := start(t, fakeaws.WithMaxObjectSize(16))
	h.createBucket(t, "bkt")
	sum := md5.Sum([]byte("payload"))
	must[*s3.PutObjectOutput](t)(h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("ok"), Body: strings.NewReader("payload"), ContentMD5: aws.String(b64(sum[:]))}))
	_, err := h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("bad"), Body: strings.NewReader("payloaX"), ContentMD5: aws.String(b64(sum[:]))})
	wantErr(t, err, "BadDigest", http.StatusBadRequest)
	_, err = h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("bad"), Body: strings.NewReader("payload"), ContentMD5: aws.String("nope")})
	wantErr(t, err, "InvalidDigest", http.StatusBadRequest)
	_, err = h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("bad"), Body: strings.NewReader("payload"), ChecksumCRC32: aws.String(crc32Of("other"))})
	wantErr(t, err, "BadDigest", http.StatusBadRequest)
	_, err = h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("big"), Body: bytes.NewReader(make([]byte, 17))})
	wantErr(t, err, "EntityTooLarge", http.StatusBadRequest)
	for _, k := range []string{"bad", "big"} {
		_, err := h.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String(k)})
		wantErr(t, err, "NotFound", http.StatusNotFound)
	}
	must[*s3.PutObjectOutput](t)(h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("max"), Body: bytes.NewReader(make([]byte, 16))}))
}

func TestChecksums(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	sha := sha256.Sum256([]byte("data"))
	put := must[*s3.PutObjectOutput](t)(h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("sha"), Body: strings.NewReader("data"),
		ChecksumAlgorithm: types.ChecksumAlgorithmSha256}))
	if aws.ToString(put.ChecksumSHA256) != b64(sha[:]) {
		t.Errorf("put SHA256 = %s, want %s", aws.ToString(put.ChecksumSHA256), b64(sha[:]))
	}
	head := must[*s3.HeadObjectOutput](t)(h.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("sha"), ChecksumMode: types.ChecksumModeEnabled}))
	if aws.ToString(head.ChecksumSHA256) != b64(sha[:]) || head.ChecksumType != types.ChecksumTypeFullObject {
		t.Errorf("head SHA256 = %s %s", aws.ToString(head.ChecksumSHA256), head.ChecksumType)
	}
	noMode := must[*s3.HeadObjectOutput](t)(h.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("sha")}))
	if noMode.ChecksumSHA256 != nil {
		t.Errorf("checksum returned without x-amz-checksum-mode")
	}
	// Without any checksum from the client, S3 computes CRC64NVME; the SDK
	// validates it on GET.
	plain := s3.NewFromConfig(h.srv.Config(), func(o *s3.Options) {
		o.UsePathStyle = true
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.HTTPSignerV4 = fakeawstest.ClockSigner{Signer: newS3Signer(), Clock: h.clk}
	})
	out := must[*s3.PutObjectOutput](t)(plain.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("plain"), Body: strings.NewReader("some data")}))
	if aws.ToString(out.ChecksumCRC64NVME) == "" {
		t.Errorf("no default CRC64NVME checksum")
	}
	_, got := h.get(t, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("plain"), ChecksumMode: types.ChecksumModeEnabled})
	if aws.ToString(got.ChecksumCRC64NVME) != aws.ToString(out.ChecksumCRC64NVME) {
		t.Errorf("GET CRC64NVME = %s, PUT said %s", aws.ToString(got.ChecksumCRC64NVME), aws.ToString(out.ChecksumCRC64NVME))
	}
}
