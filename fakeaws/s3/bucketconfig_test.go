package s3_test

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func enableVersioning(t testing.TB, h *harness, bucket string) {
	t.Helper()
	setVersioning(t, h, bucket, types.BucketVersioningStatusEnabled)
}

func setVersioning(t testing.TB, h *harness, bucket string, st types.BucketVersioningStatus) {
	t.Helper()
	_, err := h.s3.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(bucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: st}})
	if err != nil {
		t.Fatalf("put versioning %s: %v", st, err)
	}
}

func TestBucketVersioningConfiguration(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	get := func() types.BucketVersioningStatus {
		return must[*s3.GetBucketVersioningOutput](t)(h.s3.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("bkt")})).Status
	}
	if st := get(); st != "" {
		t.Errorf("fresh bucket versioning = %q, want none", st)
	}
	setVersioning(t, h, "bkt", types.BucketVersioningStatusSuspended)
	if st := get(); st != types.BucketVersioningStatusSuspended {
		t.Errorf("versioning = %q, want Suspended", st)
	}
	enableVersioning(t, h, "bkt")
	if st := get(); st != types.BucketVersioningStatusEnabled {
		t.Errorf("versioning = %q, want Enabled", st)
	}
	for _, bad := range []struct {
		status types.BucketVersioningStatus
		code   string
	}{{"enabled", "MalformedXML"}, {"Disabled", "MalformedXML"}, {"", "IllegalVersioningConfigurationException"}} {
		_, err := h.s3.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("bkt"),
			VersioningConfiguration: &types.VersioningConfiguration{Status: bad.status}})
		wantErr(t, err, bad.code, http.StatusBadRequest)
	}
	_, err := h.s3.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("nope")})
	wantErr(t, err, "NoSuchBucket", http.StatusNotFound)
}

func TestBucketEncryption(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	rule := func() types.ServerSideEncryptionRule {
		out := must[*s3.GetBucketEncryptionOutput](t)(h.s3.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String("bkt")}))
		if len(out.ServerSideEncryptionConfiguration.Rules) != 1 {
			t.Fatalf("rules = %+v", out.ServerSideEncryptionConfiguration.Rules)
		}
		return out.ServerSideEncryptionConfiguration.Rules[0]
	}
	def := rule()
	if def.ApplyServerSideEncryptionByDefault.SSEAlgorithm != types.ServerSideEncryptionAes256 || def.BucketKeyEnabled == nil || *def.BucketKeyEnabled {
		t.Errorf("default rule = %+v, want AES256 without bucket key", def)
	}
	must[*s3.PutBucketEncryptionOutput](t)(h.s3.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String("bkt"),
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String("alias/k")},
			BucketKeyEnabled:                   aws.Bool(true),
		}}}}))
	if got := rule(); got.ApplyServerSideEncryptionByDefault.SSEAlgorithm != types.ServerSideEncryptionAwsKms || aws.ToString(got.ApplyServerSideEncryptionByDefault.KMSMasterKeyID) != "alias/k" || !aws.ToBool(got.BucketKeyEnabled) {
		t.Errorf("rule after put = %+v", got)
	}
	head := must[*s3.PutObjectOutput](t)(h.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k")}))
	if head.ServerSideEncryption != types.ServerSideEncryptionAwsKms {
		t.Errorf("object encryption = %q, want aws:kms", head.ServerSideEncryption)
	}
	_, err := h.s3.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String("bkt"),
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256, KMSMasterKeyID: aws.String("k")},
		}}}})
	wantErr(t, err, "InvalidArgument", http.StatusBadRequest)
	must[*s3.DeleteBucketEncryptionOutput](t)(h.s3.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: aws.String("bkt")}))
	if got := rule(); got.ApplyServerSideEncryptionByDefault.SSEAlgorithm != types.ServerSideEncryptionAes256 {
		t.Errorf("rule after delete = %+v, want the AES256 default", got)
	}
}

func TestBucketTagging(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	_, err := h.s3.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String("bkt")})
	wantErr(t, err, "NoSuchTagSet", http.StatusNotFound)
	must[*s3.PutBucketTaggingOutput](t)(h.s3.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String("bkt"), Tagging: &types.Tagging{
		TagSet: []types.Tag{{Key: aws.String("tag2"), Value: aws.String("")}, {Key: aws.String("tag1"), Value: aws.String("tag1")}}}}))
	out := must[*s3.GetBucketTaggingOutput](t)(h.s3.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String("bkt")}))
	if len(out.TagSet) != 2 || aws.ToString(out.TagSet[0].Key) != "tag1" || aws.ToString(out.TagSet[1].Value) != "" {
		t.Errorf("tags = %+v", out.TagSet)
	}
	for _, bad := range []struct {
		name string
		tags []types.Tag
	}{
		{"duplicate", []types.Tag{{Key: aws.String("Key1"), Value: aws.String("a")}, {Key: aws.String("Key1"), Value: aws.String("bkt")}}},
		{"bad key", []types.Tag{{Key: aws.String("Key1,Key2"), Value: aws.String("a")}}},
		{"bad value", []types.Tag{{Key: aws.String("Key1"), Value: aws.String("Val1,Val2")}}},
		{"aws prefix", []types.Tag{{Key: aws.String("aws:prefixed"), Value: aws.String("a")}}},
	} {
		t.Run(bad.name, func(t *testing.T) {
			_, err := h.s3.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String("bkt"), Tagging: &types.Tagging{TagSet: bad.tags}})
			wantErr(t, err, "InvalidTag", http.StatusBadRequest)
		})
	}
	must[*s3.DeleteBucketTaggingOutput](t)(h.s3.DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: aws.String("bkt")}))
	_, err = h.s3.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String("bkt")})
	wantErr(t, err, "NoSuchTagSet", http.StatusNotFound)
	_, err = h.s3.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String("nope"), Tagging: &types.Tagging{TagSet: []types.Tag{}}})
	wantErr(t, err, "NoSuchBucket", http.StatusNotFound)
}

func TestBucketPolicyOwnershipAndPublicAccessBlock(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	b := aws.String("bkt")
	_, err := h.s3.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b})
	wantErr(t, err, "NoSuchBucketPolicy", http.StatusNotFound)
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"}]}`
	must[*s3.PutBucketPolicyOutput](t)(h.s3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b, Policy: aws.String(policy)}))
	if got := aws.ToString(must[*s3.GetBucketPolicyOutput](t)(h.s3.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b})).Policy); got != policy {
		t.Errorf("policy = %s", got)
	}
	for _, bad := range []string{"not json", `{}`} {
		_, err := h.s3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b, Policy: aws.String(bad)})
		wantErr(t, err, "MalformedPolicy", http.StatusBadRequest)
	}
	must[*s3.DeleteBucketPolicyOutput](t)(h.s3.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: b}))

	oc := must[*s3.GetBucketOwnershipControlsOutput](t)(h.s3.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b}))
	if oc.OwnershipControls.Rules[0].ObjectOwnership != types.ObjectOwnershipBucketOwnerEnforced {
		t.Errorf("default ownership = %+v", oc.OwnershipControls.Rules)
	}
	must[*s3.PutBucketOwnershipControlsOutput](t)(h.s3.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b,
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipObjectWriter}}}}))
	oc = must[*s3.GetBucketOwnershipControlsOutput](t)(h.s3.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b}))
	if oc.OwnershipControls.Rules[0].ObjectOwnership != types.ObjectOwnershipObjectWriter {
		t.Errorf("ownership = %+v", oc.OwnershipControls.Rules)
	}
	must[*s3.DeleteBucketOwnershipControlsOutput](t)(h.s3.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: b}))
	_, err = h.s3.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b})
	wantErr(t, err, "OwnershipControlsNotFoundError", http.StatusNotFound)

	pab := must[*s3.GetPublicAccessBlockOutput](t)(h.s3.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b}))
	if c := pab.PublicAccessBlockConfiguration; !aws.ToBool(c.BlockPublicAcls) || !aws.ToBool(c.RestrictPublicBuckets) {
		t.Errorf("default public access block = %+v", c)
	}
	must[*s3.PutPublicAccessBlockOutput](t)(h.s3.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: b,
		PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(false), IgnorePublicAcls: aws.Bool(true)}}))
	pab = must[*s3.GetPublicAccessBlockOutput](t)(h.s3.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b}))
	if c := pab.PublicAccessBlockConfiguration; aws.ToBool(c.BlockPublicAcls) || !aws.ToBool(c.IgnorePublicAcls) {
		t.Errorf("public access block = %+v", c)
	}
	must[*s3.DeletePublicAccessBlockOutput](t)(h.s3.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b}))
	_, err = h.s3.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b})
	wantErr(t, err, "NoSuchPublicAccessBlockConfiguration", http.StatusNotFound)

	must[*s3.PutBucketAccelerateConfigurationOutput](t)(h.s3.PutBucketAccelerateConfiguration(ctx, &s3.PutBucketAccelerateConfigurationInput{Bucket: b,
		AccelerateConfiguration: &types.AccelerateConfiguration{Status: types.BucketAccelerateStatusEnabled}}))
	acc := must[*s3.GetBucketAccelerateConfigurationOutput](t)(h.s3.GetBucketAccelerateConfiguration(ctx, &s3.GetBucketAccelerateConfigurationInput{Bucket: b}))
	if acc.Status != types.BucketAccelerateStatusEnabled {
		t.Errorf("accelerate = %q", acc.Status)
	}

	// ACLs are disabled (BucketOwnerEnforced): only private ones are taken.
	must[*s3.PutBucketAclOutput](t)(h.s3.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPrivate}))
	_, err = h.s3.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPublicRead})
	wantErr(t, err, "AccessControlListNotSupported", http.StatusBadRequest)
	h.put(t, "bkt", "k", "x")
	must[*s3.PutObjectAclOutput](t)(h.s3.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("k"), ACL: types.ObjectCannedACLBucketOwnerFullControl}))
	must[*s3.PutBucketPolicyOutput](t)(h.s3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b, Policy: aws.String(policy)}))
	ps := must[*s3.GetBucketPolicyStatusOutput](t)(h.s3.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: b}))
	if aws.ToBool(ps.PolicyStatus.IsPublic) {
		t.Errorf("policy status public")
	}
}

// TestFreshBucketReads covers what Terraform's aws_s3_bucket reads on
// refresh: each answers as AWS does for a new bucket.
func TestFreshBucketReads(t *testing.T) {
	h := start(t)
	h.createBucket(t, "bkt")
	b := aws.String("bkt")
	ok := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	acl, err := h.s3.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b})
	ok("GetBucketAcl", err)
	if err == nil && (len(acl.Grants) != 1 || acl.Grants[0].Permission != types.PermissionFullControl || aws.ToString(acl.Grants[0].Grantee.ID) != aws.ToString(acl.Owner.ID)) {
		t.Errorf("acl = %+v", acl.Grants)
	}
	rp, err := h.s3.GetBucketRequestPayment(ctx, &s3.GetBucketRequestPaymentInput{Bucket: b})
	ok("GetBucketRequestPayment", err)
	if err == nil && rp.Payer != types.PayerBucketOwner {
		t.Errorf("payer = %q", rp.Payer)
	}
	lg, err := h.s3.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: b})
	ok("GetBucketLogging", err)
	if err == nil && lg.LoggingEnabled != nil {
		t.Errorf("logging = %+v", lg.LoggingEnabled)
	}
	acc, err := h.s3.GetBucketAccelerateConfiguration(ctx, &s3.GetBucketAccelerateConfigurationInput{Bucket: b})
	ok("GetBucketAccelerateConfiguration", err)
	if err == nil && acc.Status != "" {
		t.Errorf("accelerate = %q", acc.Status)
	}
	_, err = h.s3.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: b})
	ok("GetBucketNotificationConfiguration", err)

	missing := []struct {
		name string
		call func() error
		code string
	}{
		{"GetBucketCors", func() error { _, err := h.s3.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: b}); return err }, "NoSuchCORSConfiguration"},
		{"GetBucketWebsite", func() error { _, err := h.s3.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: b}); return err }, "NoSuchWebsiteConfiguration"},
		{"GetBucketLifecycleConfiguration", func() error {
			_, err := h.s3.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b})
			return err
		}, "NoSuchLifecycleConfiguration"},
		{"GetBucketReplication", func() error {
			_, err := h.s3.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: b})
			return err
		}, "ReplicationConfigurationNotFoundError"},
		{"GetObjectLockConfiguration", func() error {
			_, err := h.s3.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: b})
			return err
		}, "ObjectLockConfigurationNotFoundError"},
		{"GetBucketPolicy", func() error { _, err := h.s3.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b}); return err }, "NoSuchBucketPolicy"},
		{"GetBucketTagging", func() error { _, err := h.s3.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b}); return err }, "NoSuchTagSet"},
	}
	for _, m := range missing {
		t.Run(m.name, func(t *testing.T) { wantErr(t, m.call(), m.code, http.StatusNotFound) })
	}
	// Unserved operations say so, naming the operation.
	_, err = h.s3.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: b, CORSConfiguration: &types.CORSConfiguration{
		CORSRules: []types.CORSRule{{AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"*"}}}}})
	wantErr(t, err, "NotImplemented", http.StatusNotImplemented)
}
