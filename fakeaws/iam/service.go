package iam

import (
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type service struct {
	env backend.Env
}

// New returns the IAM service.
func New(env backend.Env) *awsapi.QueryService {
	s := &service{env: env}
	return &awsapi.QueryService{
		SigningName: "iam",
		Namespace:   "https://iam.amazonaws.com/doc/2010-05-08/",
		Proto:       awsapi.ProtocolQuery,
		Actions: map[string]awsapi.ActionFunc{
			"CreateRole":                    s.createRole,
			"GetRole":                       s.getRole,
			"DeleteRole":                    s.deleteRole,
			"ListRoles":                     s.listRoles,
			"UpdateRole":                    s.updateRole,
			"UpdateRoleDescription":         s.updateRoleDescription,
			"UpdateAssumeRolePolicy":        s.updateAssumeRolePolicy,
			"PutRolePermissionsBoundary":    s.putRolePermissionsBoundary,
			"DeleteRolePermissionsBoundary": s.deleteRolePermissionsBoundary,
			"TagRole":                       s.tagRole,
			"UntagRole":                     s.untagRole,
			"ListRoleTags":                  s.listRoleTags,
			"PutRolePolicy":                 s.putRolePolicy,
			"GetRolePolicy":                 s.getRolePolicy,
			"DeleteRolePolicy":              s.deleteRolePolicy,
			"ListRolePolicies":              s.listRolePolicies,
			"AttachRolePolicy":              s.attachRolePolicy,
			"DetachRolePolicy":              s.detachRolePolicy,
			"ListAttachedRolePolicies":      s.listAttachedRolePolicies,
			"CreateInstanceProfile":         s.createInstanceProfile,
			"GetInstanceProfile":            s.getInstanceProfile,
			"DeleteInstanceProfile":         s.deleteInstanceProfile,
			"ListInstanceProfiles":          s.listInstanceProfiles,
			"ListInstanceProfilesForRole":   s.listInstanceProfilesForRole,
			"AddRoleToInstanceProfile":      s.addRoleToInstanceProfile,
			"RemoveRoleFromInstanceProfile": s.removeRoleFromInstanceProfile,
			"TagInstanceProfile":            s.tagInstanceProfile,
			"UntagInstanceProfile":          s.untagInstanceProfile,
			"ListInstanceProfileTags":       s.listInstanceProfileTags,
		},
	}
}

// LookupRoleID returns the unique ID (AROA…) of the role name in account;
// names match case-insensitively, as in IAM.
func LookupRoleID(db *store.DB, account, name string) (string, bool, error) {
	var (
		r  role
		ok bool
	)
	err := db.View(func(tx *store.Tx) error {
		var err error
		r, ok, err = store.Get[role](bucket(tx, account, kindRoles), nameKey(name))
		return err
	})
	if err != nil {
		return "", false, err
	}
	return r.ID, ok, nil
}

func (s *service) partition() string {
	if s.env.Partition == "" {
		return "aws"
	}
	return s.env.Partition
}

// arn is the ARN of an IAM entity: arn:aws:iam::ACCOUNT:role/PATH/NAME.
func (s *service) arn(account, kind, path, name string) string {
	return "arn:" + s.partition() + ":iam::" + account + ":" + kind + path + name
}

// now is the request's time as IAM records it: UTC, whole seconds.
func now(r *awsapi.Request) time.Time { return r.Now.UTC().Truncate(time.Second) }

// view runs fn in a read-only transaction.
func (s *service) view(fn func(tx *store.Tx) error) error { return s.env.DB.View(fn) }

// update runs fn in the one read-write transaction of a mutating action.
func (s *service) update(fn func(tx *store.Tx) error) error { return s.env.DB.Update(fn) }
