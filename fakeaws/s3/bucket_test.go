package s3_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func TestCreateAndListBuckets(t *testing.T) {
	h := start(t)
	out := must[*s3.CreateBucketOutput](t)(h.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("alpha")}))
	if got := aws.ToString(out.Location); got != "/alpha" {
		t.Errorf("Location = %q, want /alpha", got)
	}
	if got := aws.ToString(out.BucketArn); got != "arn:aws:s3:::alpha" {
		t.Errorf("BucketArn = %q", got)
	}
	eu := h.regional("eu-west-1")
	must[*s3.CreateBucketOutput](t)(eu.CreateBucket(ctx, &s3.CreateBucketInput{
		Bucket:                    aws.String("beta"),
		CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintEuWest1},
	}))
	h.clk.Step(time.Second)
	list := must[*s3.ListBucketsOutput](t)(h.s3.ListBuckets(ctx, &s3.ListBucketsInput{}))
	if len(list.Buckets) != 2 {
		t.Fatalf("ListBuckets = %d buckets, want 2", len(list.Buckets))
	}
	for i, want := range []struct{ name, region string }{{"alpha", "us-east-1"}, {"beta", "eu-west-1"}} {
		b := list.Buckets[i]
		if aws.ToString(b.Name) != want.name || aws.ToString(b.BucketRegion) != want.region || !aws.ToTime(b.CreationDate).Equal(epoch) {
			t.Errorf("bucket %d = %s in %s created %v, want %s in %s at %v", i, aws.ToString(b.Name), aws.ToString(b.BucketRegion), aws.ToTime(b.CreationDate), want.name, want.region, epoch)
		}
	}
	if list.Owner == nil || len(aws.ToString(list.Owner.ID)) != 64 {
		t.Errorf("Owner = %+v, want a 64-digit canonical ID", list.Owner)
	}

	// Pagination and filters.
	page := must[*s3.ListBucketsOutput](t)(h.s3.ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: aws.Int32(1)}))
	if len(page.Buckets) != 1 || aws.ToString(page.ContinuationToken) == "" {
		t.Fatalf("first page = %d buckets, token %q", len(page.Buckets), aws.ToString(page.ContinuationToken))
	}
	next := must[*s3.ListBucketsOutput](t)(h.s3.ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: aws.Int32(1), ContinuationToken: page.ContinuationToken}))
	if len(next.Buckets) != 1 || aws.ToString(next.Buckets[0].Name) != "beta" || next.ContinuationToken != nil {
		t.Fatalf("second page = %+v", next.Buckets)
	}
	byRegion := must[*s3.ListBucketsOutput](t)(h.s3.ListBuckets(ctx, &s3.ListBucketsInput{BucketRegion: aws.String("eu-west-1")}))
	if len(byRegion.Buckets) != 1 || aws.ToString(byRegion.Buckets[0].Name) != "beta" {
		t.Errorf("bucket-region filter = %+v", byRegion.Buckets)
	}
	byPrefix := must[*s3.ListBucketsOutput](t)(h.s3.ListBuckets(ctx, &s3.ListBucketsInput{Prefix: aws.String("al")}))
	if len(byPrefix.Buckets) != 1 || aws.ToString(byPrefix.Prefix) != "al" {
		t.Errorf("prefix filter = %+v", byPrefix.Buckets)
	}
	_, err := h.s3.ListBuckets(ctx, &s3.ListBucketsInput{BucketRegion: aws.String("eu-east-1")})
	wantErr(t, err, "InvalidArgument", http.StatusBadRequest)
}

func TestCreateBucketErrors(t *testing.T) {
	h := start(t, withOtherAccount())
	h.createBucket(t, "taken")
	eu := h.regional("eu-west-1")
	must[*s3.CreateBucketOutput](t)(eu.CreateBucket(ctx, &s3.CreateBucketInput{
		Bucket:                    aws.String("mine-in-eu"),
		CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintEuWest1},
	}))

	// us-east-1's legacy answer: re-creating your own bucket succeeds.
	if _, err := h.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("taken")}); err != nil {
		t.Errorf("re-create own bucket in us-east-1: %v, want success", err)
	}
	cases := []struct {
		name   string
		client *s3.Client
		in     *s3.CreateBucketInput
		code   string
		status int
	}{
		{"own bucket with tags", h.s3, &s3.CreateBucketInput{Bucket: aws.String("taken"), CreateBucketConfiguration: &types.CreateBucketConfiguration{
			Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}}, "BucketAlreadyOwnedByYou", http.StatusConflict},
		{"own bucket elsewhere", eu, &s3.CreateBucketInput{Bucket: aws.String("mine-in-eu"), CreateBucketConfiguration: &types.CreateBucketConfiguration{
			LocationConstraint: types.BucketLocationConstraintEuWest1}}, "BucketAlreadyOwnedByYou", http.StatusConflict},
		{"other account's bucket", h.otherClient(t), &s3.CreateBucketInput{Bucket: aws.String("taken")}, "BucketAlreadyExists", http.StatusConflict},
		{"uppercase", h.s3, &s3.CreateBucketInput{Bucket: aws.String("Upper")}, "InvalidBucketName", http.StatusBadRequest},
		{"too short", h.s3, &s3.CreateBucketInput{Bucket: aws.String("ab")}, "InvalidBucketName", http.StatusBadRequest},
		{"ip address", h.s3, &s3.CreateBucketInput{Bucket: aws.String("192.168.1.1")}, "InvalidBucketName", http.StatusBadRequest},
		{"double dot", h.s3, &s3.CreateBucketInput{Bucket: aws.String("a..b")}, "InvalidBucketName", http.StatusBadRequest},
		{"explicit us-east-1", h.s3, &s3.CreateBucketInput{Bucket: aws.String("fresh"), CreateBucketConfiguration: &types.CreateBucketConfiguration{
			LocationConstraint: "us-east-1"}}, "InvalidLocationConstraint", http.StatusBadRequest},
		{"unknown region", h.s3, &s3.CreateBucketInput{Bucket: aws.String("fresh"), CreateBucketConfiguration: &types.CreateBucketConfiguration{
			LocationConstraint: "mars-north-1"}}, "InvalidLocationConstraint", http.StatusBadRequest},
		{"no constraint outside us-east-1", eu, &s3.CreateBucketInput{Bucket: aws.String("fresh")}, "IllegalLocationConstraintException", http.StatusBadRequest},
		{"constraint for another region", eu, &s3.CreateBucketInput{Bucket: aws.String("fresh"), CreateBucketConfiguration: &types.CreateBucketConfiguration{
			LocationConstraint: types.BucketLocationConstraintEuWest2}}, "IllegalLocationConstraintException", http.StatusBadRequest},
		{"bad ownership", h.s3, &s3.CreateBucketInput{Bucket: aws.String("fresh"), ObjectOwnership: "Random"}, "InvalidArgument", http.StatusBadRequest},
		{"aws: tag", h.s3, &s3.CreateBucketInput{Bucket: aws.String("fresh"), CreateBucketConfiguration: &types.CreateBucketConfiguration{
			Tags: []types.Tag{{Key: aws.String("aws:x"), Value: aws.String("v")}}}}, "InvalidTag", http.StatusBadRequest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.client.CreateBucket(ctx, c.in)
			wantErr(t, err, c.code, c.status)
		})
	}
	// The us-east-1 endpoint creates buckets in any region.
	must[*s3.CreateBucketOutput](t)(h.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("from-global"),
		CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintApSoutheast2}}))
	loc := must[*s3.GetBucketLocationOutput](t)(h.s3.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("from-global")}))
	if loc.LocationConstraint != types.BucketLocationConstraintApSoutheast2 {
		t.Errorf("location = %q", loc.LocationConstraint)
	}
}

func TestHeadAndDeleteBucket(t *testing.T) {
	h := start(t, withOtherAccount())
	h.createBucket(t, "bucket1")
	out := must[*s3.HeadBucketOutput](t)(h.s3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("bucket1")}))
	if aws.ToString(out.BucketRegion) != "us-east-1" {
		t.Errorf("BucketRegion = %q", aws.ToString(out.BucketRegion))
	}
	_, err := h.s3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("nope")})
	wantErr(t, err, "NotFound", http.StatusNotFound)
	_, err = h.otherClient(t).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("bucket1")})
	wantErr(t, err, "Forbidden", http.StatusForbidden)
	// Sent to another region's endpoint: a redirect naming the region.
	_, err = h.regional("eu-west-1").HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("bucket1")})
	wantErr(t, err, "MovedPermanently", http.StatusMovedPermanently)
	var re *awshttp.ResponseError
	if !errors.As(err, &re) || re.Response.Header.Get("x-amz-bucket-region") != "us-east-1" {
		t.Errorf("redirect x-amz-bucket-region = %q", re.Response.Header.Get("x-amz-bucket-region"))
	}

	// Other accounts cannot read or delete it.
	_, err = h.otherClient(t).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bucket1")})
	wantErr(t, err, "AccessDenied", http.StatusForbidden)
	_, err = h.otherClient(t).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("bucket1")})
	wantErr(t, err, "AccessDenied", http.StatusForbidden)

	h.put(t, "bucket1", "k", "x")
	_, err = h.s3.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("bucket1")})
	wantErr(t, err, "BucketNotEmpty", http.StatusConflict)
	must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bucket1"), Key: aws.String("k")}))
	must[*s3.DeleteBucketOutput](t)(h.s3.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("bucket1")}))
	_, err = h.s3.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("bucket1")})
	wantErr(t, err, "NoSuchBucket", http.StatusNotFound)
	_, err = h.s3.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("bucket1")})
	wantErr(t, err, "NoSuchBucket", http.StatusNotFound)
	// The name is free again, for anyone.
	must[*s3.CreateBucketOutput](t)(h.otherClient(t).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bucket1")}))
}

func TestDeleteVersionedBucketNeedsEveryVersionGone(t *testing.T) {
	h := start(t)
	h.createBucket(t, "vbucket")
	enableVersioning(t, h, "vbucket")
	v1 := h.put(t, "vbucket", "k", "x")
	marker := must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("vbucket"), Key: aws.String("k")}))
	for _, id := range []*string{v1.VersionId, marker.VersionId} {
		_, err := h.s3.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("vbucket")})
		wantErr(t, err, "BucketNotEmpty", http.StatusConflict)
		must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("vbucket"), Key: aws.String("k"), VersionId: id}))
	}
	must[*s3.DeleteBucketOutput](t)(h.s3.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("vbucket")}))
}
