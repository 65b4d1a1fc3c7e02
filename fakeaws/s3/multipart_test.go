package s3_test

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

const mib = 1 << 20

// pattern is n deterministic bytes.
func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7) + seed
	}
	return b
}

// multipartETag is the ETag S3 gives an object made of parts.
func multipartETag(parts ...[]byte) string {
	var sums []byte
	for _, p := range parts {
		s := md5.Sum(p)
		sums = append(sums, s[:]...)
	}
	all := md5.Sum(sums)
	return fmt.Sprintf(`"%s-%d"`, hex.EncodeToString(all[:]), len(parts))
}

func TestMultipartUploadWithManager(t *testing.T) {
	h := start(t)
	h.createBucket(t, "mpu-bucket")
	data := pattern(2*5*mib+1024, 1)
	// The manager is deprecated in favour of transfermanager, but it is what
	// most code in the field still uploads with.
	up := manager.NewUploader(h.s3, func(u *manager.Uploader) { u.PartSize = 5 * mib; u.Concurrency = 2 }) //nolint:staticcheck
	//nolint:staticcheck // see above
	out, err := up.Upload(ctx, &s3.PutObjectInput{Bucket: aws.String("mpu-bucket"), Key: aws.String("big/object.bin"), Body: bytes.NewReader(data),
		ContentType: aws.String("application/x-big"), Metadata: map[string]string{"kind": "large"}})
	if err != nil {
		t.Fatal(err)
	}
	want := multipartETag(data[:5*mib], data[5*mib:10*mib], data[10*mib:])
	if aws.ToString(out.ETag) != want || len(out.CompletedParts) != 3 {
		t.Errorf("upload ETag = %s, want %s (%d parts)", aws.ToString(out.ETag), want, len(out.CompletedParts))
	}
	// The manager asks for CRC32: the object gets a composite checksum.
	if c := aws.ToString(out.ChecksumCRC32); !strings.HasSuffix(c, "-3") || out.ChecksumType != types.ChecksumTypeComposite {
		t.Errorf("checksum = %q (%s), want a composite CRC32 of 3 parts", c, out.ChecksumType)
	}
	body, got := h.get(t, &s3.GetObjectInput{Bucket: aws.String("mpu-bucket"), Key: aws.String("big/object.bin"), ChecksumMode: types.ChecksumModeEnabled})
	if !bytes.Equal([]byte(body), data) {
		t.Fatalf("downloaded %d bytes differ from the %d uploaded", len(body), len(data))
	}
	if aws.ToString(got.ETag) != want || aws.ToString(got.ContentType) != "application/x-big" || got.Metadata["kind"] != "large" {
		t.Errorf("object = %s %s %v", aws.ToString(got.ETag), aws.ToString(got.ContentType), got.Metadata)
	}
	part2, head := h.get(t, &s3.GetObjectInput{Bucket: aws.String("mpu-bucket"), Key: aws.String("big/object.bin"), PartNumber: aws.Int32(2)})
	if !bytes.Equal([]byte(part2), data[5*mib:10*mib]) || aws.ToInt32(head.PartsCount) != 3 || aws.ToString(head.ContentRange) != fmt.Sprintf("bytes %d-%d/%d", 5*mib, 10*mib-1, len(data)) {
		t.Errorf("part 2: %d bytes, parts count %d, range %s", len(part2), aws.ToInt32(head.PartsCount), aws.ToString(head.ContentRange))
	}
	// A range across the part boundary.
	across, _ := h.get(t, &s3.GetObjectInput{Bucket: aws.String("mpu-bucket"), Key: aws.String("big/object.bin"), Range: aws.String(fmt.Sprintf("bytes=%d-%d", 5*mib-3, 5*mib+2))})
	if !bytes.Equal([]byte(across), data[5*mib-3:5*mib+3]) {
		t.Errorf("range across parts = %x", across)
	}
	_, err = h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("mpu-bucket"), Key: aws.String("big/object.bin"), PartNumber: aws.Int32(4)})
	wantErr(t, err, "InvalidPartNumber", http.StatusRequestedRangeNotSatisfiable)
	uploads := must[*s3.ListMultipartUploadsOutput](t)(h.s3.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("mpu-bucket")}))
	if len(uploads.Uploads) != 0 {
		t.Errorf("uploads left after completion: %+v", uploads.Uploads)
	}
}

type mpu struct {
	h      *harness
	t      *testing.T
	bucket string
	key    string
	id     *string
}

func (h *harness) startUpload(t *testing.T, bucket, key string, in *s3.CreateMultipartUploadInput) *mpu {
	t.Helper()
	if in == nil {
		in = &s3.CreateMultipartUploadInput{}
	}
	in.Bucket, in.Key = aws.String(bucket), aws.String(key)
	out := must[*s3.CreateMultipartUploadOutput](t)(h.s3.CreateMultipartUpload(ctx, in))
	if aws.ToString(out.Bucket) != bucket || aws.ToString(out.Key) != key || aws.ToString(out.UploadId) == "" {
		t.Fatalf("create upload = %+v", out)
	}
	return &mpu{h: h, t: t, bucket: bucket, key: key, id: out.UploadId}
}

func (m *mpu) part(n int32, data []byte, alg types.ChecksumAlgorithm) types.CompletedPart {
	m.t.Helper()
	out := must[*s3.UploadPartOutput](m.t)(m.h.s3.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(m.bucket), Key: aws.String(m.key),
		UploadId: m.id, PartNumber: aws.Int32(n), Body: bytes.NewReader(data), ChecksumAlgorithm: alg}))
	return types.CompletedPart{PartNumber: aws.Int32(n), ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32}
}

func (m *mpu) complete(parts []types.CompletedPart, opt ...func(*s3.CompleteMultipartUploadInput)) (*s3.CompleteMultipartUploadOutput, error) {
	in := &s3.CompleteMultipartUploadInput{Bucket: aws.String(m.bucket), Key: aws.String(m.key), UploadId: m.id,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}
	for _, o := range opt {
		o(in)
	}
	return m.h.s3.CompleteMultipartUpload(ctx, in)
}

func TestMultipartErrors(t *testing.T) {
	h := start(t)
	h.createBucket(t, "mpe-bucket")
	m := h.startUpload(t, "mpe-bucket", "obj", nil)
	big, small := pattern(5*mib, 2), []byte("tail")
	p1 := m.part(1, big, "")
	p2 := m.part(2, small, "")
	p3 := m.part(3, small, "")
	if aws.ToString(p1.ETag) != md5ETag(string(big)) {
		t.Errorf("part ETag = %s", aws.ToString(p1.ETag))
	}

	parts := must[*s3.ListPartsOutput](t)(h.s3.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("mpe-bucket"), Key: aws.String("obj"), UploadId: m.id}))
	if len(parts.Parts) != 3 || aws.ToInt64(parts.Parts[0].Size) != 5*mib || aws.ToString(parts.NextPartNumberMarker) != "3" || aws.ToBool(parts.IsTruncated) {
		t.Errorf("parts = %+v", parts.Parts)
	}
	page := must[*s3.ListPartsOutput](t)(h.s3.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("mpe-bucket"), Key: aws.String("obj"), UploadId: m.id, MaxParts: aws.Int32(1), PartNumberMarker: aws.String("1")}))
	if len(page.Parts) != 1 || aws.ToInt32(page.Parts[0].PartNumber) != 2 || !aws.ToBool(page.IsTruncated) {
		t.Errorf("parts page = %+v truncated %v", page.Parts, aws.ToBool(page.IsTruncated))
	}
	ups := must[*s3.ListMultipartUploadsOutput](t)(h.s3.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("mpe-bucket")}))
	if len(ups.Uploads) != 1 || aws.ToString(ups.Uploads[0].UploadId) != aws.ToString(m.id) || aws.ToString(ups.Uploads[0].Key) != "obj" {
		t.Errorf("uploads = %+v", ups.Uploads)
	}

	wrongETag := p2
	wrongETag.ETag = aws.String(`"00000000000000000000000000000000"`)
	cases := []struct {
		name   string
		parts  []types.CompletedPart
		code   string
		status int
	}{
		{"small middle part", []types.CompletedPart{p1, p2, p3}, "EntityTooSmall", http.StatusBadRequest},
		{"out of order", []types.CompletedPart{p2, p1}, "InvalidPartOrder", http.StatusBadRequest},
		{"wrong etag", []types.CompletedPart{p1, wrongETag}, "InvalidPart", http.StatusBadRequest},
		{"unknown part", []types.CompletedPart{p1, {PartNumber: aws.Int32(9), ETag: p2.ETag}}, "InvalidPart", http.StatusBadRequest},
		{"no parts", []types.CompletedPart{}, "MalformedXML", http.StatusBadRequest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := m.complete(c.parts)
			wantErr(t, err, c.code, c.status)
		})
	}
	out := must[*s3.CompleteMultipartUploadOutput](t)(m.complete([]types.CompletedPart{p1, p3}))
	if aws.ToString(out.ETag) != multipartETag(big, small) || aws.ToString(out.Key) != "obj" || !strings.HasSuffix(aws.ToString(out.Location), "/mpe-bucket/obj") {
		t.Errorf("complete = %s %s %s", aws.ToString(out.ETag), aws.ToString(out.Key), aws.ToString(out.Location))
	}
	// Without a checksum from the client, S3's default CRC64NVME of the
	// whole object, which the SDK checks on GET.
	if out.ChecksumType != types.ChecksumTypeFullObject || aws.ToString(out.ChecksumCRC64NVME) == "" {
		t.Errorf("checksum = %s %s", out.ChecksumType, aws.ToString(out.ChecksumCRC64NVME))
	}
	body, got := h.get(t, &s3.GetObjectInput{Bucket: aws.String("mpe-bucket"), Key: aws.String("obj"), ChecksumMode: types.ChecksumModeEnabled})
	if body != string(big)+string(small) || aws.ToString(got.ChecksumCRC64NVME) != aws.ToString(out.ChecksumCRC64NVME) {
		t.Errorf("body %d bytes, checksum %s", len(body), aws.ToString(got.ChecksumCRC64NVME))
	}

	_, err := m.complete([]types.CompletedPart{p1, p3})
	wantErr(t, err, "NoSuchUpload", http.StatusNotFound)
	_, err = h.s3.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("mpe-bucket"), Key: aws.String("obj"), UploadId: m.id, PartNumber: aws.Int32(1), Body: strings.NewReader("x")})
	wantErr(t, err, "NoSuchUpload", http.StatusNotFound)

	a := h.startUpload(t, "mpe-bucket", "aborted", nil)
	a.part(1, small, "")
	_, err = h.s3.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("mpe-bucket"), Key: aws.String("aborted"), UploadId: a.id, PartNumber: aws.Int32(10001), Body: strings.NewReader("x")})
	wantErr(t, err, "InvalidArgument", http.StatusBadRequest)
	must[*s3.AbortMultipartUploadOutput](t)(h.s3.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String("mpe-bucket"), Key: aws.String("aborted"), UploadId: a.id}))
	_, err = h.s3.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String("mpe-bucket"), Key: aws.String("aborted"), UploadId: a.id})
	wantErr(t, err, "NoSuchUpload", http.StatusNotFound)
	_, err = h.s3.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("mpe-bucket"), Key: aws.String("aborted"), UploadId: a.id})
	wantErr(t, err, "NoSuchUpload", http.StatusNotFound)
}

func TestMultipartFullObjectChecksum(t *testing.T) {
	h := start(t)
	h.createBucket(t, "mpc-bucket")
	m := h.startUpload(t, "mpc-bucket", "obj", &s3.CreateMultipartUploadInput{ChecksumAlgorithm: types.ChecksumAlgorithmCrc32, ChecksumType: types.ChecksumTypeFullObject})
	a, b := pattern(5*mib, 3), pattern(1000, 4)
	p1, p2 := m.part(1, a, types.ChecksumAlgorithmCrc32), m.part(2, b, types.ChecksumAlgorithmCrc32)
	_, err := m.complete([]types.CompletedPart{{PartNumber: p1.PartNumber, ETag: p1.ETag}, p2})
	wantErr(t, err, "InvalidRequest", http.StatusBadRequest)
	out := must[*s3.CompleteMultipartUploadOutput](t)(m.complete([]types.CompletedPart{p1, p2}))
	whole := b64BE(crc32.ChecksumIEEE(append(append([]byte(nil), a...), b...)))
	if aws.ToString(out.ChecksumCRC32) != whole || out.ChecksumType != types.ChecksumTypeFullObject {
		t.Errorf("full-object CRC32 = %s (%s), want %s", aws.ToString(out.ChecksumCRC32), out.ChecksumType, whole)
	}
	// The SDK validates the full-object checksum on GET.
	body, _ := h.get(t, &s3.GetObjectInput{Bucket: aws.String("mpc-bucket"), Key: aws.String("obj"), ChecksumMode: types.ChecksumModeEnabled})
	if len(body) != len(a)+len(b) {
		t.Errorf("body = %d bytes", len(body))
	}
	_, err = h.s3.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("mpc-bucket"), Key: aws.String("x"),
		ChecksumAlgorithm: types.ChecksumAlgorithmSha256, ChecksumType: types.ChecksumTypeFullObject})
	wantErr(t, err, "InvalidRequest", http.StatusBadRequest)
}

func TestUploadPartCopy(t *testing.T) {
	h := start(t)
	h.createBucket(t, "upc-bucket")
	src := pattern(6*mib, 5)
	must[*s3.PutObjectOutput](t)(h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("upc-bucket"), Key: aws.String("src"), Body: bytes.NewReader(src)}))
	m := h.startUpload(t, "upc-bucket", "dst", nil)
	var parts []types.CompletedPart
	for i, rng := range []string{fmt.Sprintf("bytes=0-%d", 5*mib-1), fmt.Sprintf("bytes=%d-%d", 5*mib, 6*mib-1)} {
		out := must[*s3.UploadPartCopyOutput](t)(h.s3.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String("upc-bucket"), Key: aws.String("dst"),
			UploadId: m.id, PartNumber: aws.Int32(int32(i + 1)), CopySource: aws.String("upc-bucket/src"), CopySourceRange: aws.String(rng)}))
		parts = append(parts, types.CompletedPart{PartNumber: aws.Int32(int32(i + 1)), ETag: out.CopyPartResult.ETag})
	}
	_, err := h.s3.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String("upc-bucket"), Key: aws.String("dst"),
		UploadId: m.id, PartNumber: aws.Int32(3), CopySource: aws.String("upc-bucket/src"), CopySourceRange: aws.String("bytes=7000000-7000001")})
	wantErr(t, err, "InvalidArgument", http.StatusBadRequest)
	must[*s3.CompleteMultipartUploadOutput](t)(m.complete(parts))
	if got := h.body(t, "upc-bucket", "dst"); !bytes.Equal([]byte(got), src) {
		t.Errorf("copied object differs (%d bytes)", len(got))
	}
}

// TestConditionalCompleteMultipartUpload follows AWS's recorded answers:
// the condition is checked at completion, and a key changed since the
// upload started is a conflict.
func TestConditionalCompleteMultipartUpload(t *testing.T) {
	h := start(t)
	h.createBucket(t, "ccm-bucket")
	ifNoneMatch := func(in *s3.CompleteMultipartUploadInput) { in.IfNoneMatch = aws.String("*") }
	ifMatch := func(etag *string) func(*s3.CompleteMultipartUploadInput) {
		return func(in *s3.CompleteMultipartUploadInput) { in.IfMatch = etag }
	}
	del := func() {
		must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("ccm-bucket"), Key: aws.String("k")}))
	}
	one := func(m *mpu) []types.CompletedPart { return []types.CompletedPart{m.part(1, []byte("part"), "")} }

	// If-None-Match: the object exists, then is deleted during the upload.
	h.put(t, "ccm-bucket", "k", "")
	m := h.startUpload(t, "ccm-bucket", "k", nil)
	parts := one(m)
	_, err := m.complete(parts, ifNoneMatch)
	wantErr(t, err, "PreconditionFailed", http.StatusPreconditionFailed)
	del()
	_, err = m.complete(parts, ifNoneMatch)
	wantErr(t, err, "ConditionalRequestConflict", http.StatusConflict)
	m = h.startUpload(t, "ccm-bucket", "k", nil)
	must[*s3.CompleteMultipartUploadOutput](t)(m.complete(one(m), ifNoneMatch))

	// If-Match: the object is rewritten during the upload.
	etag := h.put(t, "ccm-bucket", "k", "test").ETag
	m = h.startUpload(t, "ccm-bucket", "k", nil)
	parts = one(m)
	during := h.put(t, "ccm-bucket", "k", "test").ETag // identical content
	_, err = m.complete(parts, ifMatch(aws.String(`"0000"`)))
	wantErr(t, err, "PreconditionFailed", http.StatusPreconditionFailed)
	_, err = m.complete(parts, ifMatch(during))
	wantErr(t, err, "ConditionalRequestConflict", http.StatusConflict)
	m = h.startUpload(t, "ccm-bucket", "k", nil)
	out := must[*s3.CompleteMultipartUploadOutput](t)(m.complete(one(m), ifMatch(etag)))

	// If-Match: the object is deleted during the upload.
	m = h.startUpload(t, "ccm-bucket", "k", nil)
	parts = one(m)
	del()
	_, err = m.complete(parts, ifMatch(out.ETag))
	wantErr(t, err, "NoSuchKey", http.StatusNotFound)
}

func TestListMultipartUploadsPaging(t *testing.T) {
	h := start(t)
	h.createBucket(t, "lmu-bucket")
	ids := map[string]string{}
	for i, k := range []string{"folder/aSubfolder/subFile1", "folder/file1", "folder/file1", "folder/file2", "other"} {
		m := h.startUpload(t, "lmu-bucket", k, nil)
		ids[fmt.Sprint(k, i)] = aws.ToString(m.id)
	}
	list := func(in s3.ListMultipartUploadsInput) *s3.ListMultipartUploadsOutput {
		in.Bucket = aws.String("lmu-bucket")
		return must[*s3.ListMultipartUploadsOutput](t)(h.s3.ListMultipartUploads(ctx, &in))
	}
	first := list(s3.ListMultipartUploadsInput{Prefix: aws.String("folder/"), Delimiter: aws.String("/"), MaxUploads: aws.Int32(1)})
	if len(first.CommonPrefixes) != 1 || aws.ToString(first.CommonPrefixes[0].Prefix) != "folder/aSubfolder/" || !aws.ToBool(first.IsTruncated) {
		t.Errorf("first page = %+v truncated %v", first.CommonPrefixes, aws.ToBool(first.IsTruncated))
	}
	next := list(s3.ListMultipartUploadsInput{Prefix: aws.String("folder/"), Delimiter: aws.String("/"), MaxUploads: aws.Int32(2), KeyMarker: aws.String("folder/aSubfolder/")})
	if len(next.Uploads) != 2 || aws.ToString(next.Uploads[0].UploadId) != ids["folder/file11"] || aws.ToString(next.Uploads[1].UploadId) != ids["folder/file12"] {
		t.Fatalf("second page = %+v", next.Uploads)
	}
	if aws.ToString(next.NextKeyMarker) != "folder/file1" || aws.ToString(next.NextUploadIdMarker) != ids["folder/file12"] {
		t.Errorf("next markers %q %q", aws.ToString(next.NextKeyMarker), aws.ToString(next.NextUploadIdMarker))
	}
	last := list(s3.ListMultipartUploadsInput{Prefix: aws.String("folder/"), KeyMarker: next.NextKeyMarker, UploadIdMarker: next.NextUploadIdMarker})
	if len(last.Uploads) != 1 || aws.ToString(last.Uploads[0].Key) != "folder/file2" || aws.ToBool(last.IsTruncated) {
		t.Errorf("last page = %+v", last.Uploads)
	}
	mid := list(s3.ListMultipartUploadsInput{KeyMarker: aws.String("folder/file1"), UploadIdMarker: aws.String(ids["folder/file11"])})
	if len(mid.Uploads) != 3 || aws.ToString(mid.Uploads[0].UploadId) != ids["folder/file12"] {
		t.Errorf("after the first upload of folder/file1 = %+v", mid.Uploads)
	}
}
