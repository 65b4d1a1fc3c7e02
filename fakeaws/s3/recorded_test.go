package s3_test

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

// awsError is an error real AWS answered, from the recorded snapshots.
type awsError struct {
	Code, Message string
	Status        int
}

// recordedErrors indexes the errors of a snapshot file by "test/step".
func recordedErrors(t *testing.T, file string) map[string]awsError {
	t.Helper()
	var snap map[string]struct {
		Content map[string]json.RawMessage `json:"recorded-content"`
	}
	if err := json.Unmarshal(fakeawstest.RecordedFile(t, file), &snap); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	out := map[string]awsError{}
	for test, s := range snap {
		name := test[strings.LastIndex(test, "::")+2:]
		for step, raw := range s.Content {
			var r struct {
				Error *struct{ Code, Message string }
				Meta  struct {
					Status int `json:"HTTPStatusCode"`
				} `json:"ResponseMetadata"`
			}
			if json.Unmarshal(raw, &r) == nil && r.Error != nil {
				out[name+"/"+step] = awsError{r.Error.Code, r.Error.Message, r.Meta.Status}
			}
		}
	}
	return out
}

// TestErrorsMatchAWS checks fakeaws' error codes, messages and statuses
// against the answers real AWS gave to the same calls.
func TestErrorsMatchAWS(t *testing.T) {
	want := recordedErrors(t, "test_s3_api.snapshot.json")
	for k, v := range recordedErrors(t, "test_s3_list_operations.snapshot.json") {
		want[k] = v
	}
	h := start(t)
	h.createBucket(t, "rec-full")
	h.put(t, "rec-full", "k", "x")
	h.put(t, "rec-full", "digits", "0123456789")
	h.createBucket(t, "rec-versioned")
	enableVersioning(t, h, "rec-versioned")
	v1 := h.put(t, "rec-versioned", "k", "x").VersionId
	marker := must[*s3.DeleteObjectOutput](t)(h.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("rec-versioned"), Key: aws.String("k")})).VersionId
	h.createBucket(t, "rec-empty")
	must[*s3.DeleteBucketOwnershipControlsOutput](t)(h.s3.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String("rec-empty")}))
	must[*s3.DeletePublicAccessBlockOutput](t)(h.s3.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String("rec-empty")}))
	b := func(name string) *string { return aws.String(name) }
	tags := func(kv ...string) *types.Tagging {
		tg := &types.Tagging{}
		for i := 0; i < len(kv); i += 2 {
			tg.TagSet = append(tg.TagSet, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
		}
		return tg
	}
	cases := map[string]func() error{
		"test_delete_bucket_with_objects/delete-with-obj": func() error {
			_, err := h.s3.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b("rec-full")})
			return err
		},
		"test_delete_versioned_bucket_with_objects/delete-with-obj-and-delete-marker": func() error {
			_, err := h.s3.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b("rec-versioned")})
			return err
		},
		"test_bucket_versioning_crud/put-versioning-enabled-lowercase": func() error {
			_, err := h.s3.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b("rec-empty"), VersioningConfiguration: &types.VersioningConfiguration{Status: "enabled"}})
			return err
		},
		"test_bucket_versioning_crud/put-versioning-empty": func() error {
			_, err := h.s3.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b("rec-empty"), VersioningConfiguration: &types.VersioningConfiguration{}})
			return err
		},
		"test_bucket_versioning_crud/get-versioning-no-bucket": func() error {
			_, err := h.s3.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b("rec-missing")})
			return err
		},
		"test_bucket_tagging_crud/get-bucket-tags-empty": func() error {
			_, err := h.s3.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b("rec-empty")})
			return err
		},
		"test_tagging_validation/put-bucket-tags-duplicate-keys": func() error {
			_, err := h.s3.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b("rec-empty"), Tagging: tags("Key1", "a", "Key1", "b")})
			return err
		},
		"test_tagging_validation/put-bucket-tags-invalid-value": func() error {
			_, err := h.s3.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b("rec-empty"), Tagging: tags("Key1", "Val1,Val2")})
			return err
		},
		"test_tagging_validation/put-bucket-tags-aws-prefixed": func() error {
			_, err := h.s3.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b("rec-empty"), Tagging: tags("aws:prefixed", "a")})
			return err
		},
		"test_tagging_validation/put-object-tags-aws-prefixed": func() error {
			_, err := h.s3.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b("rec-full"), Key: b("k"), Tagging: tags("aws:prefixed", "a")})
			return err
		},
		"test_get_object_range/get-100-200": func() error {
			_, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: b("rec-full"), Key: b("digits"), Range: b("bytes=100-200")})
			return err
		},
		"test_put_object_if_none_match/put-obj-if-none-match": func() error {
			_, err := h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: b("rec-full"), Key: b("k"), IfNoneMatch: b("*")})
			return err
		},
		"test_put_object_if_match_and_if_none_match_validation/put-obj-both-precondition": func() error {
			_, err := h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: b("rec-full"), Key: b("k"), IfNoneMatch: b("*"), IfMatch: b(`"a"`)})
			return err
		},
		"test_delete_object_versioned/get-deleted-object": func() error {
			_, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: b("rec-versioned"), Key: b("k")})
			return err
		},
		"test_delete_object_versioned/get-delete-marker": func() error {
			_, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: b("rec-versioned"), Key: b("k"), VersionId: marker})
			return err
		},
		"test_delete_object_versioned/get-deleted-object-with-version": func() error {
			_, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: b("rec-versioned"), Key: b("k"), VersionId: b(strings.Repeat("z", 32))})
			return err
		},
		"test_get_object_with_version_unversioned_bucket/get-obj-with-version": func() error {
			_, err := h.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: b("rec-full"), Key: b("k"), VersionId: v1})
			return err
		},
		"test_create_bucket_with_tags_us_east_1_idempotency/create-bucket-different-tags": func() error {
			_, err := h.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b("rec-empty"), CreateBucketConfiguration: &types.CreateBucketConfiguration{Tags: tags("a", "b").TagSet}})
			return err
		},
		"test_bucket_policy_crud/get-bucket-default-policy": func() error {
			_, err := h.s3.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b("rec-empty")})
			return err
		},
		"test_bucket_policy_exc/put-bucket-policy-empty-json": func() error {
			_, err := h.s3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b("rec-empty"), Policy: b("{}")})
			return err
		},
		"test_crud_bucket_ownership_controls/get-ownership-after-delete": func() error {
			_, err := h.s3.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b("rec-empty")})
			return err
		},
		"test_crud_public_access_block/get-public-access-block-after-delete": func() error {
			_, err := h.s3.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b("rec-empty")})
			return err
		},
		"test_s3_default_bucket_encryption_exc/put-bucket-encryption-kms-with-aes": func() error {
			_, err := h.s3.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b("rec-empty"), ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{
				Rules: []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256, KMSMasterKeyID: b("k")}}}}})
			return err
		},
		"test_list_objects_versions_markers/list-objects-next-version-only": func() error {
			_, err := h.s3.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: b("rec-versioned"), VersionIdMarker: v1})
			return err
		},
		"test_list_objects_v2_continuation_start_after/exc-continuation-token": func() error {
			_, err := h.s3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: b("rec-full"), ContinuationToken: b("wrong")})
			return err
		},
		"test_list_ops_encoding_type_validation[list_objects_v2]/list_objects_v2-error-wrong-value": func() error {
			_, err := h.s3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: b("rec-full"), EncodingType: "value"})
			return err
		},
	}
	keys := make([]string, 0, len(cases))
	for k := range cases {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		call := cases[key]
		t.Run(key, func(t *testing.T) {
			w, ok := want[key]
			if !ok {
				t.Skipf("no recorded answer for %s", key)
			}
			err := call()
			var ae smithy.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("got %v, want AWS's %s", err, w.Code)
			}
			if ae.ErrorCode() != w.Code || ae.ErrorMessage() != w.Message {
				t.Errorf("got %s %q\nAWS: %s %q", ae.ErrorCode(), ae.ErrorMessage(), w.Code, w.Message)
			}
			var re *awshttp.ResponseError
			if errors.As(err, &re) && re.HTTPStatusCode() != w.Status {
				t.Errorf("status %d, AWS %d", re.HTTPStatusCode(), w.Status)
			}
		})
	}
}
