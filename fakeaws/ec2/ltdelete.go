package ec2

import (
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type ltVersionDeletedXML struct {
	TemplateID   string            `xml:"launchTemplateId"`
	TemplateName string            `xml:"launchTemplateName"`
	Number       int64             `xml:"versionNumber"`
	Error        *responseErrorXML `xml:"responseError,omitempty"`
}

type responseErrorXML struct {
	Code    string `xml:"code"`
	Message string `xml:"message"`
}

func (s *Service) deleteLaunchTemplateVersions(r *awsapi.Request, p awsapi.Params) (any, error) {
	wanted := dedupe(p.List("LaunchTemplateVersion"))
	if len(wanted) == 0 {
		return nil, missingParameter("LaunchTemplateVersion")
	}
	var ok, failed []ltVersionDeletedXML
	err := s.update(r, func(tx *store.Tx, sc scope) error {
		t, err := targetLT(tx, sc, p.Get("LaunchTemplateId"), p.Get("LaunchTemplateName"))
		if err != nil {
			return err
		}
		for _, w := range wanted {
			x := ltVersionDeletedXML{TemplateID: t.ID, TemplateName: t.Name}
			n, err := strconv.ParseInt(w, 10, 64)
			x.Number = n
			switch {
			case err != nil || n < 1:
				x.Error = &responseErrorXML{"launchTemplateVersionDoesNotExist", "The specified launch template version does not exist."}
			case n == t.Default:
				x.Error = &responseErrorXML{"unexpectedError", "Cannot delete the default version of a launch template. Change the default version, or delete the launch template."}
			}
			if x.Error == nil {
				_, found, err := findVersion(tx, sc, t.ID, n)
				if err != nil {
					return err
				}
				if !found {
					x.Error = &responseErrorXML{"launchTemplateVersionDoesNotExist", "The specified launch template version does not exist."}
				}
			}
			if x.Error != nil {
				failed = append(failed, x)
				continue
			}
			if err := versionBucket(tx, sc).Sub(t.ID).Delete(versionKey(n)); err != nil {
				return err
			}
			ok = append(ok, x)
		}
		if len(ok) == 0 {
			return nil
		}
		t.Latest = 0
		if err := eachVersion(tx, sc, t.ID, 0, func(v *ltVersion) (bool, error) {
			t.Latest = v.Number
			return true, nil
		}); err != nil {
			return err
		}
		return launchTemplates.put(tx, sc, t)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		OK     items[ltVersionDeletedXML] `xml:"successfullyDeletedLaunchTemplateVersionSet"`
		Failed items[ltVersionDeletedXML] `xml:"unsuccessfullyDeletedLaunchTemplateVersionSet"`
	}{itemsOf(ok), itemsOf(failed)}, nil
}
