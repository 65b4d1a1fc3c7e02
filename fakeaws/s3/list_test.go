package s3_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func keysOf(objs []types.Object) []string {
	var out []string
	for _, o := range objs {
		out = append(out, aws.ToString(o.Key))
	}
	return out
}

func prefixesOf(cps []types.CommonPrefix) []string {
	var out []string
	for _, cp := range cps {
		out = append(out, aws.ToString(cp.Prefix))
	}
	return out
}

func TestListObjectsV2Paginator(t *testing.T) {
	h := start(t)
	h.createBucket(t, "lbucket")
	var want []string
	for i := range 25 {
		k := fmt.Sprintf("key-%02d", i)
		want = append(want, k)
		h.put(t, "lbucket", k, k)
	}
	p := s3.NewListObjectsV2Paginator(h.s3, &s3.ListObjectsV2Input{Bucket: aws.String("lbucket"), MaxKeys: aws.Int32(7)})
	var got []string
	var sizes []int32
	for p.HasMorePages() {
		out := must[*s3.ListObjectsV2Output](t)(p.NextPage(ctx))
		got = append(got, keysOf(out.Contents)...)
		sizes = append(sizes, aws.ToInt32(out.KeyCount))
		if aws.ToInt32(out.MaxKeys) != 7 {
			t.Errorf("MaxKeys = %d", aws.ToInt32(out.MaxKeys))
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("keys = %v", got)
	}
	if fmt.Sprint(sizes) != "[7 7 7 4]" {
		t.Errorf("page sizes = %v, want [7 7 7 4]", sizes)
	}
	first := must[*s3.ListObjectsV2Output](t)(h.s3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("lbucket"), MaxKeys: aws.Int32(1)}))
	o := first.Contents[0]
	if aws.ToString(o.ETag) != md5ETag("key-00") || aws.ToInt64(o.Size) != 6 || o.StorageClass != types.ObjectStorageClassStandard || !aws.ToTime(o.LastModified).Equal(epoch) || o.Owner != nil {
		t.Errorf("object = %+v", o)
	}
	_, err := h.s3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("lbucket"), ContinuationToken: aws.String("garbage!")})
	wantErr(t, err, "InvalidArgument", http.StatusBadRequest)
	after := must[*s3.ListObjectsV2Output](t)(h.s3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("lbucket"), StartAfter: aws.String("key-22")}))
	if strings.Join(keysOf(after.Contents), ",") != "key-23,key-24" || aws.ToString(after.StartAfter) != "key-22" {
		t.Errorf("start-after = %v", keysOf(after.Contents))
	}
	owner := must[*s3.ListObjectsV2Output](t)(h.s3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("lbucket"), MaxKeys: aws.Int32(1), FetchOwner: aws.Bool(true)}))
	if owner.Contents[0].Owner == nil {
		t.Errorf("fetch-owner returned no owner")
	}
}

func TestListObjectsV2Delimiter(t *testing.T) {
	h := start(t)
	h.createBucket(t, "dbucket")
	for _, k := range []string{"folder/aSubfolder/subFile1", "folder/aSubfolder/subFile2", "folder/file1", "folder/file2", "root", "test/bar/foo/123", "test/foo/bar/123", "test/foo/bar/456"} {
		h.put(t, "dbucket", k, "x")
	}
	list := func(in s3.ListObjectsV2Input) *s3.ListObjectsV2Output {
		in.Bucket = aws.String("dbucket")
		return must[*s3.ListObjectsV2Output](t)(h.s3.ListObjectsV2(ctx, &in))
	}
	top := list(s3.ListObjectsV2Input{Delimiter: aws.String("/")})
	if fmt.Sprint(prefixesOf(top.CommonPrefixes)) != "[folder/ test/]" || fmt.Sprint(keysOf(top.Contents)) != "[root]" || aws.ToInt32(top.KeyCount) != 3 {
		t.Errorf("top level = %v %v (%d)", prefixesOf(top.CommonPrefixes), keysOf(top.Contents), aws.ToInt32(top.KeyCount))
	}
	for _, c := range []struct{ prefix, prefixes, keys string }{
		{"test/", "[test/bar/ test/foo/]", "[]"},
		{"test/foo", "[test/foo/]", "[]"},
		{"test/foo/bar", "[test/foo/bar/]", "[]"},
		{"test/foo/bar/", "[]", "[test/foo/bar/123 test/foo/bar/456]"},
	} {
		out := list(s3.ListObjectsV2Input{Prefix: aws.String(c.prefix), Delimiter: aws.String("/")})
		if fmt.Sprint(prefixesOf(out.CommonPrefixes)) != c.prefixes || fmt.Sprint(keysOf(out.Contents)) != c.keys {
			t.Errorf("prefix %q = %v %v, want %s %s", c.prefix, prefixesOf(out.CommonPrefixes), keysOf(out.Contents), c.prefixes, c.keys)
		}
	}
	// Common prefixes count against MaxKeys and paging resumes after them
	// (AWS's recorded test_list_objects_v2_continuation_common_prefixes).
	var pages []string
	p := s3.NewListObjectsV2Paginator(h.s3, &s3.ListObjectsV2Input{Bucket: aws.String("dbucket"), Prefix: aws.String("folder/"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(1)})
	for p.HasMorePages() {
		out := must[*s3.ListObjectsV2Output](t)(p.NextPage(ctx))
		pages = append(pages, fmt.Sprint(prefixesOf(out.CommonPrefixes), keysOf(out.Contents)))
	}
	if want := "[[folder/aSubfolder/] [] [] [folder/file1] [] [folder/file2]]"; fmt.Sprint(pages) != want {
		t.Errorf("pages = %v, want %s", pages, want)
	}
}

func TestListObjectsV1(t *testing.T) {
	h := start(t)
	h.createBucket(t, "vonebucket")
	for _, k := range []string{"folder/aSubfolder/subFile1", "folder/aSubfolder/subFile2", "folder/file1", "folder/file2"} {
		h.put(t, "vonebucket", k, "x")
	}
	list := func(in s3.ListObjectsInput) *s3.ListObjectsOutput {
		in.Bucket = aws.String("vonebucket")
		return must[*s3.ListObjectsOutput](t)(h.s3.ListObjects(ctx, &in))
	}
	start := list(s3.ListObjectsInput{Prefix: aws.String("folder/"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(1)})
	if !aws.ToBool(start.IsTruncated) || aws.ToString(start.NextMarker) != "folder/aSubfolder/" || fmt.Sprint(prefixesOf(start.CommonPrefixes)) != "[folder/aSubfolder/]" {
		t.Errorf("first page: truncated %v next %q prefixes %v", aws.ToBool(start.IsTruncated), aws.ToString(start.NextMarker), prefixesOf(start.CommonPrefixes))
	}
	next := list(s3.ListObjectsInput{Prefix: aws.String("folder/"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(1), Marker: start.NextMarker})
	if fmt.Sprint(keysOf(next.Contents)) != "[folder/file1]" || aws.ToString(next.NextMarker) != "folder/file1" {
		t.Errorf("second page = %v next %q", keysOf(next.Contents), aws.ToString(next.NextMarker))
	}
	manual := list(s3.ListObjectsInput{Prefix: aws.String("folder/"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(1), Marker: aws.String("folder/aSubfolder/subFile1")})
	if fmt.Sprint(keysOf(manual.Contents)) != "[folder/file1]" {
		t.Errorf("marker inside a common prefix = %v", keysOf(manual.Contents))
	}
	// Without a delimiter there is no NextMarker: the client uses the last key.
	plain := list(s3.ListObjectsInput{MaxKeys: aws.Int32(1)})
	if !aws.ToBool(plain.IsTruncated) || plain.NextMarker != nil || plain.Contents[0].Owner == nil {
		t.Errorf("plain page: truncated %v next %v owner %v", aws.ToBool(plain.IsTruncated), plain.NextMarker, plain.Contents[0].Owner)
	}
	_, err := h.s3.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String("vonebucket"), EncodingType: "value"})
	wantErr(t, err, "InvalidArgument", http.StatusBadRequest)
}

// TestListEncodingTypeURL reads the raw XML: the SDK does not decode
// url-encoded names.
func TestListEncodingTypeURL(t *testing.T) {
	h := start(t)
	h.createBucket(t, "ebucket")
	h.put(t, "ebucket", "date=2026-01-01/a b+c.txt", "x")
	out := must[*s3.ListObjectsV2Output](t)(h.s3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("ebucket"), EncodingType: types.EncodingTypeUrl}))
	key := aws.ToString(out.Contents[0].Key)
	if key != "date%3D2026-01-01/a+b%2Bc.txt" || out.EncodingType != types.EncodingTypeUrl {
		t.Errorf("encoded key = %q (%s)", key, out.EncodingType)
	}
	if dec, _ := url.QueryUnescape(key); dec != "date=2026-01-01/a b+c.txt" {
		t.Errorf("decoded key = %q", dec)
	}
	// An empty encoding-type is refused.
	status, body := h.raw(t, http.MethodGet, "/ebucket?list-type=2&encoding-type=", nil, nil)
	if status != http.StatusBadRequest || !strings.Contains(string(body), "<Code>InvalidArgument</Code>") {
		t.Errorf("empty encoding-type: %d %s", status, body)
	}
}
