package s3_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

var reVersionID = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)

func TestVersionedObjects(t *testing.T) {
	h := start(t)
	h.createBucket(t, "vbucket")
	enableVersioning(t, h, "vbucket")
	v1 := aws.ToString(h.put(t, "vbucket", "k", "one").VersionId)
	h.clk.Step(time.Second)
	v2 := aws.ToString(h.put(t, "vbucket", "k", "two").VersionId)
	if !reVersionID.MatchString(v1) || !reVersionID.MatchString(v2) || v1 == v2 {
		t.Fatalf("version IDs %q %q", v1, v2)
	}
	if got := h.body(t, "vbucket", "k"); got != "two" {
		t.Errorf("current = %q", got)
	}
	old, out := h.get(t, &s3.GetObjectInput{Bucket: aws.String("vbucket"), Key: aws.String("k"), VersionId: aws.String(v1)})
	if old != "one" || aws.ToString(out.VersionId) != v1 {
		t.Errorf("version 1 = %q (%s)", old, aws.ToString(out.VersionId))
	}

	h.clk.Step(time.Second)
	del := must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("vbucket"), Key: aws.String("k")}))
	marker := aws.ToString(del.VersionId)
	if !aws.ToBool(del.DeleteMarker) || !reVersionID.MatchString(marker) {
		t.Fatalf("delete = marker %v version %q", aws.ToBool(del.DeleteMarker), marker)
	}
	_, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("vbucket"), Key: aws.String("k")})
	wantErr(t, err, "NoSuchKey", http.StatusNotFound)
	_, err = h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("vbucket"), Key: aws.String("k"), VersionId: aws.String(marker)})
	wantErr(t, err, "MethodNotAllowed", http.StatusMethodNotAllowed)
	_, err = h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("vbucket"), Key: aws.String("k"), VersionId: aws.String(strings.Repeat("A", 32))})
	wantErr(t, err, "NoSuchVersion", http.StatusNotFound)
	_, err = h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("vbucket"), Key: aws.String("k"), VersionId: aws.String("bad")})
	wantErr(t, err, "InvalidArgument", http.StatusBadRequest)
	list := must[*s3.ListObjectsV2Output](t)(h.s3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("vbucket")}))
	if aws.ToInt32(list.KeyCount) != 0 {
		t.Errorf("deleted key still listed: %+v", list.Contents)
	}

	versions := must[*s3.ListObjectVersionsOutput](t)(h.s3.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("vbucket")}))
	if len(versions.DeleteMarkers) != 1 || aws.ToString(versions.DeleteMarkers[0].VersionId) != marker || !aws.ToBool(versions.DeleteMarkers[0].IsLatest) {
		t.Errorf("delete markers = %+v", versions.DeleteMarkers)
	}
	if len(versions.Versions) != 2 || aws.ToString(versions.Versions[0].VersionId) != v2 || aws.ToBool(versions.Versions[0].IsLatest) ||
		aws.ToString(versions.Versions[1].VersionId) != v1 || aws.ToString(versions.Versions[1].ETag) != md5ETag("one") {
		t.Errorf("versions = %+v", versions.Versions)
	}

	// Deleting the marker brings the last version back.
	del = must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("vbucket"), Key: aws.String("k"), VersionId: aws.String(marker)}))
	if !aws.ToBool(del.DeleteMarker) || aws.ToString(del.VersionId) != marker {
		t.Errorf("delete marker by version = %v %q", aws.ToBool(del.DeleteMarker), aws.ToString(del.VersionId))
	}
	if got := h.body(t, "vbucket", "k"); got != "two" {
		t.Errorf("current after removing marker = %q", got)
	}
	// Deleting the current version makes the previous one current.
	must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("vbucket"), Key: aws.String("k"), VersionId: aws.String(v2)}))
	if got := h.body(t, "vbucket", "k"); got != "one" {
		t.Errorf("current after deleting v2 = %q", got)
	}
	_, err = h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("vbucket"), Key: aws.String("k"), VersionId: aws.String(v2)})
	wantErr(t, err, "NoSuchVersion", http.StatusNotFound)
}

func TestSuspendedVersioning(t *testing.T) {
	h := start(t)
	h.createBucket(t, "sbucket")
	enableVersioning(t, h, "sbucket")
	v1 := aws.ToString(h.put(t, "sbucket", "k", "one").VersionId)
	setVersioning(t, h, "sbucket", types.BucketVersioningStatusSuspended)
	if out := h.put(t, "sbucket", "k", "null-1"); out.VersionId != nil {
		t.Errorf("put in suspended bucket returned version %q", aws.ToString(out.VersionId))
	}
	h.put(t, "sbucket", "k", "null-2") // replaces the null version
	versions := must[*s3.ListObjectVersionsOutput](t)(h.s3.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("sbucket")}))
	if len(versions.Versions) != 2 || aws.ToString(versions.Versions[0].VersionId) != "null" || aws.ToString(versions.Versions[1].VersionId) != v1 {
		t.Fatalf("versions = %+v", versions.Versions)
	}
	if got, _ := h.get(t, &s3.GetObjectInput{Bucket: aws.String("sbucket"), Key: aws.String("k"), VersionId: aws.String("null")}); got != "null-2" {
		t.Errorf("null version = %q", got)
	}
	del := must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("sbucket"), Key: aws.String("k")}))
	if !aws.ToBool(del.DeleteMarker) || aws.ToString(del.VersionId) != "null" {
		t.Errorf("suspended delete = marker %v version %q, want a null marker", aws.ToBool(del.DeleteMarker), aws.ToString(del.VersionId))
	}
	versions = must[*s3.ListObjectVersionsOutput](t)(h.s3.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("sbucket")}))
	if len(versions.Versions) != 1 || len(versions.DeleteMarkers) != 1 {
		t.Errorf("after delete: %d versions, %d markers", len(versions.Versions), len(versions.DeleteMarkers))
	}
}

func TestUnversionedBucketVersionIDs(t *testing.T) {
	h := start(t)
	h.createBucket(t, "ubucket")
	h.put(t, "ubucket", "k", "x")
	_, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("ubucket"), Key: aws.String("k"), VersionId: aws.String("HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD")})
	wantErr(t, err, "InvalidArgument", http.StatusBadRequest)
	if got, _ := h.get(t, &s3.GetObjectInput{Bucket: aws.String("ubucket"), Key: aws.String("k"), VersionId: aws.String("null")}); got != "x" {
		t.Errorf("null version = %q", got)
	}
	versions := must[*s3.ListObjectVersionsOutput](t)(h.s3.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("ubucket")}))
	if len(versions.Versions) != 1 || aws.ToString(versions.Versions[0].VersionId) != "null" || !aws.ToBool(versions.Versions[0].IsLatest) {
		t.Errorf("versions = %+v", versions.Versions)
	}
}

// TestListObjectVersionsMarkers follows AWS's recorded answers for
// key-marker / version-id-marker paging.
func TestListObjectVersionsMarkers(t *testing.T) {
	h := start(t)
	h.createBucket(t, "mbucket")
	enableVersioning(t, h, "mbucket")
	// test_0..2: a version, a delete marker, and a new version on 0 and 1.
	ids := map[string][]string{}
	for _, k := range []string{"test_0", "test_1", "test_2"} {
		ids[k] = append(ids[k], aws.ToString(h.put(t, "mbucket", k, "version 1").VersionId))
	}
	for _, k := range []string{"test_0", "test_1", "test_2"} {
		d := must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("mbucket"), Key: aws.String(k)}))
		ids[k] = append(ids[k], aws.ToString(d.VersionId))
	}
	for _, k := range []string{"test_0", "test_1"} {
		ids[k] = append(ids[k], aws.ToString(h.put(t, "mbucket", k, "version 2").VersionId))
	}
	list := func(in s3.ListObjectVersionsInput) *s3.ListObjectVersionsOutput {
		in.Bucket = aws.String("mbucket")
		return must[*s3.ListObjectVersionsOutput](t)(h.s3.ListObjectVersions(ctx, &in))
	}
	page := list(s3.ListObjectVersionsInput{MaxKeys: aws.Int32(5)})
	if !aws.ToBool(page.IsTruncated) || aws.ToString(page.NextKeyMarker) != "test_1" || aws.ToString(page.NextVersionIdMarker) != ids["test_1"][1] {
		t.Errorf("page of 5: truncated %v next %q/%q", aws.ToBool(page.IsTruncated), aws.ToString(page.NextKeyMarker), aws.ToString(page.NextVersionIdMarker))
	}
	if len(page.Versions) != 3 || len(page.DeleteMarkers) != 2 {
		t.Errorf("page of 5 = %d versions, %d markers", len(page.Versions), len(page.DeleteMarkers))
	}
	keyOnly := list(s3.ListObjectVersionsInput{KeyMarker: aws.String("test_1"), MaxKeys: aws.Int32(1)})
	if len(keyOnly.DeleteMarkers) != 1 || aws.ToString(keyOnly.DeleteMarkers[0].Key) != "test_2" || !aws.ToBool(keyOnly.DeleteMarkers[0].IsLatest) {
		t.Errorf("after key test_1 = %+v", keyOnly.DeleteMarkers)
	}
	both := list(s3.ListObjectVersionsInput{KeyMarker: aws.String("test_1"), VersionIdMarker: aws.String(ids["test_1"][1]), MaxKeys: aws.Int32(1)})
	if len(both.Versions) != 1 || aws.ToString(both.Versions[0].VersionId) != ids["test_1"][0] || aws.ToBool(both.Versions[0].IsLatest) {
		t.Errorf("after test_1 marker = %+v", both.Versions)
	}
	last := list(s3.ListObjectVersionsInput{KeyMarker: aws.String("test_2"), MaxKeys: aws.Int32(1)})
	if aws.ToBool(last.IsTruncated) || len(last.Versions)+len(last.DeleteMarkers) != 0 {
		t.Errorf("after the last key: %+v", last)
	}
	_, err := h.s3.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("mbucket"), VersionIdMarker: aws.String(ids["test_1"][1])})
	wantErr(t, err, "InvalidArgument", http.StatusBadRequest)

	// The paginator walks every version once.
	seen := 0
	p := s3.NewListObjectVersionsPaginator(h.s3, &s3.ListObjectVersionsInput{Bucket: aws.String("mbucket"), MaxKeys: aws.Int32(2)})
	for p.HasMorePages() {
		out := must[*s3.ListObjectVersionsOutput](t)(p.NextPage(ctx))
		seen += len(out.Versions) + len(out.DeleteMarkers)
	}
	if seen != 8 {
		t.Errorf("paginator saw %d entries, want 8", seen)
	}
	// Delimiters roll keys into common prefixes.
	h.put(t, "mbucket", "dir/a", "x")
	h.put(t, "mbucket", "dir/b", "x")
	d := list(s3.ListObjectVersionsInput{Delimiter: aws.String("/")})
	if len(d.CommonPrefixes) != 1 || aws.ToString(d.CommonPrefixes[0].Prefix) != "dir/" || len(d.Versions) != 5 {
		t.Errorf("delimited: prefixes %+v, %d versions", d.CommonPrefixes, len(d.Versions))
	}
}
