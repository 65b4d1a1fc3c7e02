package integration

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const (
	trustPolicy  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	inlinePolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`
)

// TestAWSCLISTS: get-caller-identity with the default key, and the errors
// a wrong secret or an unknown key get.
func TestAWSCLISTS(t *testing.T) {
	integration(t)
	s := startServer(t, "--in-memory")
	cli := newAWSCLI(t, s.Endpoint)

	var id struct{ UserId, Account, Arn string }
	cli.json(t, &id, "sts", "get-caller-identity")
	if id.Account != "123456789012" || !strings.HasPrefix(id.Arn, "arn:aws:iam::123456789012:") {
		t.Errorf("get-caller-identity = %+v, want account 123456789012 and an ARN in it", id)
	}
	for _, tc := range []struct{ name, env, code string }{
		{"wrong secret", "AWS_SECRET_ACCESS_KEY=wrong", "SignatureDoesNotMatch"},
		{"unknown key", "AWS_ACCESS_KEY_ID=AKIAUNKNOWNKEY000000", "InvalidClientTokenId"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := cli.run(t, []string{tc.env}, "sts", "get-caller-identity")
			if r.err == nil || !strings.Contains(r.stderr, "("+tc.code+")") {
				t.Errorf("want failure with (%s); %s", tc.code, r)
			}
		})
	}
}

// TestAWSCLIIAM: a role's life through the CLI, and DeleteConflict while a
// role still has an inline policy, a managed policy or an instance profile.
func TestAWSCLIIAM(t *testing.T) {
	integration(t)
	s := startServer(t, "--in-memory")
	cli := newAWSCLI(t, s.Endpoint)
	trust := "file://" + cli.file(t, "trust.json", []byte(trustPolicy))
	policy := "file://" + cli.file(t, "policy.json", []byte(inlinePolicy))

	t.Run("create get delete", func(t *testing.T) {
		const name = "drydock-cli-role"
		const arn = "arn:aws:iam::123456789012:role/" + name
		var created roleOutput
		cli.json(t, &created, "iam", "create-role", "--role-name", name, "--assume-role-policy-document", trust,
			"--description", "made by the AWS CLI")
		if created.Role.Arn != arn || !strings.HasPrefix(created.Role.RoleId, "AROA") || created.Role.CreateDate == "" {
			t.Errorf("create-role Role = %+v, want Arn %s, an AROA… RoleId and a CreateDate", created.Role, arn)
		}
		var got roleOutput
		cli.json(t, &got, "iam", "get-role", "--role-name", name)
		if got.Role.Arn != arn || got.Role.RoleId != created.Role.RoleId || got.Role.RoleName != name ||
			got.Role.Path != "/" || got.Role.Description != "made by the AWS CLI" {
			t.Errorf("get-role Role = %+v, want the created role %+v", got.Role, created.Role)
		}
		// The CLI URL-decodes and parses the policy document it receives.
		wantJSON(t, "get-role AssumeRolePolicyDocument", got.Role.AssumeRolePolicyDocument, trustPolicy)

		var list struct {
			Roles []struct{ RoleName, Arn string }
		}
		cli.json(t, &list, "iam", "list-roles")
		if len(list.Roles) != 1 || list.Roles[0].Arn != arn {
			t.Errorf("list-roles = %+v, want only %s", list.Roles, arn)
		}
		if out := cli.ok(t, "iam", "delete-role", "--role-name", name); out != "" {
			t.Errorf("delete-role printed %q, want nothing", out)
		}
		r := cli.fails(t, "NoSuchEntity", "iam", "get-role", "--role-name", name)
		if !strings.Contains(r.stderr, name) {
			t.Errorf("get-role of a deleted role: the message does not name it: %s", r.stderr)
		}
	})

	for _, tc := range []struct {
		name          string
		attach, undo  []string
		checkAttached func(t *testing.T, role string)
	}{
		{
			name:   "inline policy",
			attach: []string{"iam", "put-role-policy", "--policy-name", "inline", "--policy-document", policy},
			undo:   []string{"iam", "delete-role-policy", "--policy-name", "inline"},
			checkAttached: func(t *testing.T, role string) {
				var got struct {
					RoleName, PolicyName string
					PolicyDocument       any
				}
				cli.json(t, &got, "iam", "get-role-policy", "--role-name", role, "--policy-name", "inline")
				if got.RoleName != role || got.PolicyName != "inline" {
					t.Errorf("get-role-policy = %+v", got)
				}
				wantJSON(t, "get-role-policy PolicyDocument", got.PolicyDocument, inlinePolicy)
			},
		},
		{
			name:   "managed policy",
			attach: []string{"iam", "attach-role-policy", "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"},
			undo:   []string{"iam", "detach-role-policy", "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"},
			checkAttached: func(t *testing.T, role string) {
				var got struct {
					AttachedPolicies []struct{ PolicyName, PolicyArn string }
				}
				cli.json(t, &got, "iam", "list-attached-role-policies", "--role-name", role)
				if len(got.AttachedPolicies) != 1 || got.AttachedPolicies[0].PolicyArn != "arn:aws:iam::aws:policy/ReadOnlyAccess" ||
					got.AttachedPolicies[0].PolicyName != "ReadOnlyAccess" {
					t.Errorf("list-attached-role-policies = %+v", got.AttachedPolicies)
				}
			},
		},
		{
			name:   "instance profile",
			attach: []string{"iam", "add-role-to-instance-profile", "--instance-profile-name", "conflict-profile"},
			undo:   []string{"iam", "remove-role-from-instance-profile", "--instance-profile-name", "conflict-profile"},
			checkAttached: func(t *testing.T, role string) {
				var got struct {
					InstanceProfiles []struct {
						InstanceProfileName string
						Roles               []struct{ RoleName string }
					}
				}
				cli.json(t, &got, "iam", "list-instance-profiles-for-role", "--role-name", role)
				if len(got.InstanceProfiles) != 1 || got.InstanceProfiles[0].InstanceProfileName != "conflict-profile" ||
					len(got.InstanceProfiles[0].Roles) != 1 || got.InstanceProfiles[0].Roles[0].RoleName != role {
					t.Errorf("list-instance-profiles-for-role = %+v", got.InstanceProfiles)
				}
			},
		},
	} {
		t.Run("DeleteConflict "+tc.name, func(t *testing.T) {
			role := "conflict-" + strings.ReplaceAll(tc.name, " ", "-")
			cli.ok(t, "iam", "create-role", "--role-name", role, "--assume-role-policy-document", trust)
			if tc.name == "instance profile" {
				cli.ok(t, "iam", "create-instance-profile", "--instance-profile-name", "conflict-profile")
				defer cli.ok(t, "iam", "delete-instance-profile", "--instance-profile-name", "conflict-profile")
			}
			cli.ok(t, append(tc.attach, "--role-name", role)...)
			tc.checkAttached(t, role)
			r := cli.fails(t, "DeleteConflict", "iam", "delete-role", "--role-name", role)
			if !strings.Contains(r.stderr, "Cannot delete entity, must ") {
				t.Errorf("DeleteConflict message differs from AWS's 'Cannot delete entity, must …': %s", r.stderr)
			}
			cli.ok(t, "iam", "get-role", "--role-name", role) // still there
			cli.ok(t, append(tc.undo, "--role-name", role)...)
			cli.ok(t, "iam", "delete-role", "--role-name", role)
		})
	}
}

type roleOutput struct {
	Role struct {
		Path, RoleName, RoleId, Arn, CreateDate, Description string
		AssumeRolePolicyDocument                             any
	}
}

// wantJSON fails t unless got (a decoded JSON value) equals the document
// want.
func wantJSON(t *testing.T, what string, got any, want string) {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, w) {
		g, _ := json.Marshal(got)
		t.Errorf("%s = %s, want %s", what, g, want)
	}
}
