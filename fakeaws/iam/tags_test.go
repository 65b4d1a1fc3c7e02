package iam_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

func tagList(kv ...string) []types.Tag {
	var out []types.Tag
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return out
}

func tagString(tags []types.Tag) string {
	var b strings.Builder
	for _, t := range tags {
		fmt.Fprintf(&b, "%s=%s;", aws.ToString(t.Key), aws.ToString(t.Value))
	}
	return b.String()
}

func TestRoleTags(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	call(h.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String(trustPolicy), Tags: tagList("b", "1")})).must(t)
	call(h.iam.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String("r"), Tags: tagList("a", "2", "B", "3", "c", "")})).must(t)

	// "B" replaced "b": tag keys are case-insensitive. Tags list sorted by key.
	all := call(h.iam.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String("r")})).must(t)
	if got := tagString(all.Tags); got != "B=3;a=2;c=;" || all.IsTruncated {
		t.Errorf("ListRoleTags = %s truncated %v", got, all.IsTruncated)
	}
	if got := tagString(call(h.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("r")})).must(t).Role.Tags); got != "B=3;a=2;c=;" {
		t.Errorf("GetRole tags = %s", got)
	}

	var paged []types.Tag
	pages := iam.NewListRoleTagsPaginator(h.iam, &iam.ListRoleTagsInput{RoleName: aws.String("r"), MaxItems: aws.Int32(2)})
	n := 0
	for pages.HasMorePages() {
		paged = append(paged, call(pages.NextPage(ctx)).must(t).Tags...)
		n++
	}
	if tagString(paged) != "B=3;a=2;c=;" || n != 2 {
		t.Errorf("paged tags = %s in %d pages, want 3 tags in 2 pages", tagString(paged), n)
	}

	call(h.iam.UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String("r"), TagKeys: []string{"b", "not-there"}})).must(t)
	if got := tagString(call(h.iam.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String("r")})).must(t).Tags); got != "a=2;c=;" {
		t.Errorf("tags after untag = %s", got)
	}

	many := make([]string, 0, 100)
	for i := range 48 {
		many = append(many, fmt.Sprintf("k%02d", i), "v")
	}
	call(h.iam.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String("r"), Tags: tagList(many...)})).must(t) // 50 now
	_, err := h.iam.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String("r"), Tags: tagList("one-too-many", "v")})
	wantErr(t, err, "LimitExceeded", 409, "Cannot exceed quota for TagsPerRole: 50")
	_, err = h.iam.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String("ghost"), Tags: tagList("a", "b")})
	wantErr(t, err, "NoSuchEntity", 404, "The role with name ghost cannot be found.")
	_, err = h.iam.UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String("ghost"), TagKeys: []string{"a"}})
	wantErr(t, err, "NoSuchEntity", 404, "The role with name ghost cannot be found.")
	_, err = h.iam.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String("ghost")})
	wantErr(t, err, "NoSuchEntity", 404, "The role with name ghost cannot be found.")
	_, err = h.iam.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String("r"), Tags: tagList("bad*key", "v")})
	wantErr(t, err, "ValidationError", 400, `1 validation error detected: Value 'bad*key' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*`)
}

func TestInstanceProfileTags(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	h.createProfile(t, "p")
	call(h.iam.TagInstanceProfile(ctx, &iam.TagInstanceProfileInput{InstanceProfileName: aws.String("p"), Tags: tagList("z", "1", "y", "2")})).must(t)
	if got := tagString(call(h.iam.ListInstanceProfileTags(ctx, &iam.ListInstanceProfileTagsInput{InstanceProfileName: aws.String("p")})).must(t).Tags); got != "y=2;z=1;" {
		t.Errorf("ListInstanceProfileTags = %s", got)
	}
	call(h.iam.UntagInstanceProfile(ctx, &iam.UntagInstanceProfileInput{InstanceProfileName: aws.String("p"), TagKeys: []string{"Z"}})).must(t)
	if got := tagString(call(h.iam.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("p")})).must(t).InstanceProfile.Tags); got != "y=2;" {
		t.Errorf("GetInstanceProfile tags after untag = %s", got)
	}
	_, err := h.iam.TagInstanceProfile(ctx, &iam.TagInstanceProfileInput{InstanceProfileName: aws.String("p"), Tags: tagList("k", "1", "K", "2")})
	wantErr(t, err, "InvalidInput", 400, "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
	_, err = h.iam.TagInstanceProfile(ctx, &iam.TagInstanceProfileInput{InstanceProfileName: aws.String("ghost"), Tags: tagList("k", "1")})
	wantErr(t, err, "NoSuchEntity", 404, "Instance Profile ghost cannot be found.")
	_, err = h.iam.ListInstanceProfileTags(ctx, &iam.ListInstanceProfileTagsInput{InstanceProfileName: aws.String("ghost")})
	wantErr(t, err, "NoSuchEntity", 404, "Instance Profile ghost cannot be found.")
	_, err = h.iam.UntagInstanceProfile(ctx, &iam.UntagInstanceProfileInput{InstanceProfileName: aws.String("ghost"), TagKeys: []string{"k"}})
	wantErr(t, err, "NoSuchEntity", 404, "Instance Profile ghost cannot be found.")
}
