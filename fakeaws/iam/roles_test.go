package iam_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

func TestCreateAndGetRole(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	created := call(h.iam.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String("Nodes.Example"),
		Path:                     aws.String("/kops/nodes/"),
		AssumeRolePolicyDocument: aws.String(trustPolicy),
		Description:              aws.String("nodes of example"),
		MaxSessionDuration:       aws.Int32(7200),
		Tags:                     []types.Tag{{Key: aws.String("KubernetesCluster"), Value: aws.String("example")}},
	})).must(t).Role
	const arn = "arn:aws:iam::" + account + ":role/kops/nodes/Nodes.Example"
	if got := aws.ToString(created.Arn); got != arn {
		t.Errorf("Arn = %s, want %s", got, arn)
	}
	if id := aws.ToString(created.RoleId); !reRoleID.MatchString(id) {
		t.Errorf("RoleId %q is not AROA + 17 of [A-Z2-7]", id)
	}
	if !created.CreateDate.Equal(epoch) {
		t.Errorf("CreateDate = %v, want %v", created.CreateDate, epoch)
	}
	if created.MaxSessionDuration != nil || created.RoleLastUsed != nil {
		t.Errorf("CreateRole answers MaxSessionDuration/RoleLastUsed (%v, %v); AWS does not", created.MaxSessionDuration, created.RoleLastUsed)
	}
	if raw := aws.ToString(created.AssumeRolePolicyDocument); !strings.HasPrefix(raw, "%7B%22Version%22%3A%20%222012") {
		t.Errorf("AssumeRolePolicyDocument %q is not URL-encoded as AWS encodes it", raw)
	}
	if got := decode(t, created.AssumeRolePolicyDocument); got != trustPolicy {
		t.Errorf("decoded document = %s, want %s", got, trustPolicy)
	}
	if len(created.Tags) != 1 || aws.ToString(created.Tags[0].Key) != "KubernetesCluster" {
		t.Errorf("Tags = %+v", created.Tags)
	}

	// Names are case-insensitive: any case finds the role.
	got := call(h.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("nodes.example")})).must(t).Role
	checks := []struct {
		field     string
		got, want any
	}{
		{"RoleName", aws.ToString(got.RoleName), "Nodes.Example"},
		{"RoleId", aws.ToString(got.RoleId), aws.ToString(created.RoleId)},
		{"Arn", aws.ToString(got.Arn), arn},
		{"Path", aws.ToString(got.Path), "/kops/nodes/"},
		{"Description", aws.ToString(got.Description), "nodes of example"},
		{"MaxSessionDuration", aws.ToInt32(got.MaxSessionDuration), int32(7200)},
		{"CreateDate", got.CreateDate.UTC(), epoch},
		{"AssumeRolePolicyDocument", decode(t, got.AssumeRolePolicyDocument), trustPolicy},
		{"RoleLastUsed empty", got.RoleLastUsed != nil && got.RoleLastUsed.LastUsedDate == nil, true},
		{"Tags", fmt.Sprintf("%v", len(got.Tags) == 1 && aws.ToString(got.Tags[0].Value) == "example"), "true"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("GetRole %s = %v, want %v", c.field, c.got, c.want)
		}
	}
}

func TestCreateRoleDefaults(t *testing.T) {
	h := start(t)
	created := h.createRole(t, "plain", "").Role
	if aws.ToString(created.Path) != "/" || aws.ToString(created.Arn) != "arn:aws:iam::"+account+":role/plain" {
		t.Errorf("Path %q Arn %q, want / and role/plain", aws.ToString(created.Path), aws.ToString(created.Arn))
	}
	got := call(h.iam.GetRole(t.Context(), &iam.GetRoleInput{RoleName: aws.String("plain")})).must(t).Role
	if aws.ToInt32(got.MaxSessionDuration) != 3600 || got.Description != nil || len(got.Tags) != 0 || got.PermissionsBoundary != nil {
		t.Errorf("defaults: MaxSessionDuration %d Description %v Tags %v Boundary %v", aws.ToInt32(got.MaxSessionDuration), got.Description, got.Tags, got.PermissionsBoundary)
	}
}

func TestCreateRoleErrors(t *testing.T) {
	h := start(t)
	h.createRole(t, "Existing", "")
	long := strings.Repeat("a", 65)
	bigTrust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Sid":"` + strings.Repeat("x", 2048) + `"}]}`
	manyTags := make([]types.Tag, 51)
	for i := range manyTags {
		manyTags[i] = types.Tag{Key: aws.String(fmt.Sprint("k", i)), Value: aws.String("v")}
	}
	tests := []struct {
		name   string
		in     iam.CreateRoleInput
		code   string
		status int
		msg    string
	}{
		{"duplicate in another case", iam.CreateRoleInput{RoleName: aws.String("EXISTING")}, "EntityAlreadyExists", 409, "Role with name EXISTING already exists."},
		{"name with a space", iam.CreateRoleInput{RoleName: aws.String("bad name")}, "ValidationError", 400,
			`1 validation error detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
		{"name too long", iam.CreateRoleInput{RoleName: aws.String(long)}, "ValidationError", 400,
			"1 validation error detected: Value '" + long + "' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64"},
		{"path without slashes", iam.CreateRoleInput{RoleName: aws.String("r"), Path: aws.String("kops")}, "ValidationError", 400,
			`1 validation error detected: Value 'kops' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)`},
		{"two violations, in the order of the request's members", iam.CreateRoleInput{RoleName: aws.String("a b"), Path: aws.String("x")}, "ValidationError", 400,
			`2 validation errors detected: Value 'x' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F); ` +
				`Value 'a b' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
		{"session too short", iam.CreateRoleInput{RoleName: aws.String("r"), MaxSessionDuration: aws.Int32(100)}, "ValidationError", 400,
			"1 validation error detected: Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600"},
		{"invalid JSON", iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String(`{"Version":`)}, "MalformedPolicyDocument", 400, "This policy contains invalid Json"},
		{"JSON but no policy", iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String(`["x"]`)}, "MalformedPolicyDocument", 400, "Syntax errors in policy."},
		{"no statement", iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17"}`)}, "MalformedPolicyDocument", 400, "Syntax errors in policy."},
		{"trust policy over quota", iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String(bigTrust)}, "LimitExceeded", 409, "Cannot exceed quota for ACLSizePerRole: 2048"},
		{"duplicate tag keys", iam.CreateRoleInput{RoleName: aws.String("r"), Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("A"), Value: aws.String("2")}}},
			"InvalidInput", 400, "Duplicate tag keys found. Please note that Tag keys are case insensitive."},
		{"51 tags", iam.CreateRoleInput{RoleName: aws.String("r"), Tags: manyTags}, "ValidationError", 400,
			"1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"},
		{"tag key too long", iam.CreateRoleInput{RoleName: aws.String("r"), Tags: []types.Tag{{Key: aws.String(strings.Repeat("k", 129)), Value: aws.String("v")}}}, "ValidationError", 400,
			"1 validation error detected: Value '" + strings.Repeat("k", 129) + "' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{"customer boundary that does not exist", iam.CreateRoleInput{RoleName: aws.String("r"), PermissionsBoundary: aws.String("arn:aws:iam::" + account + ":policy/nope")}, "NoSuchEntity", 404,
			"Scope ARN: arn:aws:iam::" + account + ":policy/nope does not exist or is not attachable."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			if in.AssumeRolePolicyDocument == nil {
				in.AssumeRolePolicyDocument = aws.String(trustPolicy)
			}
			_, err := h.iam.CreateRole(t.Context(), &in)
			wantErr(t, err, tt.code, tt.status, tt.msg)
		})
	}
	// None of the refused requests created anything.
	roles := call(h.iam.ListRoles(t.Context(), &iam.ListRolesInput{})).must(t).Roles
	if len(roles) != 1 {
		t.Errorf("ListRoles has %d roles after refused creates, want 1", len(roles))
	}
}

func TestDeleteRole(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	_, err := h.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("ghost")})
	wantErr(t, err, "NoSuchEntity", 404, "The role with name ghost cannot be found.")

	h.createRole(t, "busy", "")
	h.createProfile(t, "busy-profile")
	call(h.iam.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String("busy-profile"), RoleName: aws.String("busy")})).must(t)
	call(h.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("busy"), PolicyArn: aws.String("arn:aws:iam::aws:policy/ReadOnlyAccess")})).must(t)
	call(h.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("busy"), PolicyName: aws.String("s3"), PolicyDocument: aws.String(s3Policy)})).must(t)

	// Each dependency refuses the delete until it is removed.
	steps := []struct {
		msg    string
		remove func() error
	}{
		{"Cannot delete entity, must remove roles from instance profile first.", func() error {
			_, err := h.iam.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: aws.String("busy-profile"), RoleName: aws.String("busy")})
			return err
		}},
		{"Cannot delete entity, must detach all policies first.", func() error {
			_, err := h.iam.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String("busy"), PolicyArn: aws.String("arn:aws:iam::aws:policy/ReadOnlyAccess")})
			return err
		}},
		{"Cannot delete entity, must delete policies first.", func() error {
			_, err := h.iam.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("busy"), PolicyName: aws.String("s3")})
			return err
		}},
	}
	for _, s := range steps {
		_, err := h.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("busy")})
		wantErr(t, err, "DeleteConflict", 409, s.msg)
		if err := s.remove(); err != nil {
			t.Fatal(err)
		}
	}
	call(h.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("BUSY")})).must(t)
	_, err = h.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("busy")})
	wantErr(t, err, "NoSuchEntity", 404, "The role with name busy cannot be found.")
	// The name is free again.
	h.createRole(t, "busy", "")
}

func TestUpdateRole(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	h.createRole(t, "app", "")
	call(h.iam.UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: aws.String("app"), Description: aws.String("first"), MaxSessionDuration: aws.Int32(43200)})).must(t)
	got := call(h.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("app")})).must(t).Role
	if aws.ToString(got.Description) != "first" || aws.ToInt32(got.MaxSessionDuration) != 43200 {
		t.Errorf("after UpdateRole: Description %q MaxSessionDuration %d", aws.ToString(got.Description), aws.ToInt32(got.MaxSessionDuration))
	}
	upd := call(h.iam.UpdateRoleDescription(ctx, &iam.UpdateRoleDescriptionInput{RoleName: aws.String("app"), Description: aws.String("second")})).must(t)
	if aws.ToString(upd.Role.Description) != "second" || aws.ToInt32(upd.Role.MaxSessionDuration) != 43200 {
		t.Errorf("UpdateRoleDescription answered %+v", upd.Role)
	}

	newTrust := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account + `:root"},"Action":"sts:AssumeRole"}}`
	call(h.iam.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("app"), PolicyDocument: aws.String(newTrust)})).must(t)
	got = call(h.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("app")})).must(t).Role
	if d := decode(t, got.AssumeRolePolicyDocument); d != newTrust {
		t.Errorf("trust policy after update = %s, want %s", d, newTrust)
	}

	_, err := h.iam.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("app"), PolicyDocument: aws.String("not json")})
	wantErr(t, err, "MalformedPolicyDocument", 400, "This policy contains invalid Json")
	_, err = h.iam.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("ghost"), PolicyDocument: aws.String(trustPolicy)})
	wantErr(t, err, "NoSuchEntity", 404, "The role with name ghost cannot be found.")
	_, err = h.iam.UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: aws.String("ghost")})
	wantErr(t, err, "NoSuchEntity", 404, "The role with name ghost cannot be found.")
	_, err = h.iam.UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: aws.String("app"), MaxSessionDuration: aws.Int32(43201)})
	wantErr(t, err, "ValidationError", 400, "1 validation error detected: Value '43201' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200")
}

func TestPermissionsBoundary(t *testing.T) {
	h := start(t)
	ctx := t.Context()
	const boundary = "arn:aws:iam::aws:policy/PowerUserAccess"
	call(h.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("bounded"), AssumeRolePolicyDocument: aws.String(trustPolicy), PermissionsBoundary: aws.String(boundary)})).must(t)
	got := call(h.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("bounded")})).must(t).Role
	if got.PermissionsBoundary == nil || aws.ToString(got.PermissionsBoundary.PermissionsBoundaryArn) != boundary ||
		got.PermissionsBoundary.PermissionsBoundaryType != types.PermissionsBoundaryAttachmentTypePolicy {
		t.Fatalf("PermissionsBoundary = %+v", got.PermissionsBoundary)
	}
	call(h.iam.DeleteRolePermissionsBoundary(ctx, &iam.DeleteRolePermissionsBoundaryInput{RoleName: aws.String("bounded")})).must(t)
	if got := call(h.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("bounded")})).must(t).Role; got.PermissionsBoundary != nil {
		t.Errorf("boundary still set after delete: %+v", got.PermissionsBoundary)
	}
	call(h.iam.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: aws.String("bounded"), PermissionsBoundary: aws.String("arn:aws:iam::aws:policy/ReadOnlyAccess")})).must(t)
	if got := call(h.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("bounded")})).must(t).Role; aws.ToString(got.PermissionsBoundary.PermissionsBoundaryArn) != "arn:aws:iam::aws:policy/ReadOnlyAccess" {
		t.Errorf("boundary after put = %+v", got.PermissionsBoundary)
	}
}
