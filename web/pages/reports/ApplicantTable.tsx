import { For, Show, createEffect, createMemo, on } from 'solid-js'
import type { Applicant, ApplicantStatus, Job } from '../../lib/api.ts'
import { createApplicantFeed } from '../../lib/applicant-feed.ts'
import { formatClock } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { rt } from '../../lib/report-words.ts'
import { FormError } from '../../components/FormError.tsx'
import { MoreButton } from '../../components/MoreButton.tsx'

const MOVES: ApplicantStatus[] = ['contacted', 'interview', 'hired', 'rejected']
const PAGE = 50

/**
 * The stream's applicants, newest first, with the status workflow for the hiring company
 * (organizers see masked names and phones, read-only). When `count` (the stats'
 * applications) moves, what came since the newest row is fetched, keeping further pages loaded.
 */
export function ApplicantTable(props: { streamId: string; jobs: Job[]; count: number; owner: boolean; day: string; onChanged: () => void }) {
  const feed = createApplicantFeed(() => props.streamId, PAGE)
  const title = (id: string) => props.jobs.find((j) => j.id === id)?.title ?? rt('sr.closedJob')
  // A memo: only a new count (not every refresh of the stats) asks for new rows.
  const count = createMemo(() => props.count)
  createEffect(on(count, () => void feed.refresh()))

  async function move(a: Applicant, select: HTMLSelectElement) {
    if (await feed.setStatus(a, select.value as ApplicantStatus)) props.onChanged()
    else select.value = a.status // back to the stored status
  }

  return (
    <section class="panel" aria-labelledby="applicants-title" data-section="applicants">
      <h2 id="applicants-title">{rt('sr.applicants')}</h2>
      <p class="muted small-print">{props.owner ? rt('sr.applicantsHint') : rt('sr.masked')}</p>
      <FormError message={feed.problem()} />
      <Show when={feed.loaded()} fallback={<Show when={!feed.problem()}><p class="muted">{t('common.loading')}</p></Show>}>
        <Show when={feed.rows().length} fallback={<p class="empty">{rt('sr.noApplicants')}</p>}>
          <div class="table-wrap">
            <table class="rtable applicants-table">
              <thead>
                <tr>
                  <th scope="col">{rt('sr.col.name')}</th>
                  <th scope="col">{rt('sr.col.phone')}</th>
                  <th scope="col">{rt('sr.col.job')}</th>
                  <th scope="col">{rt('sr.col.time')}</th>
                  <th scope="col">{rt('sr.col.town')}</th>
                  <th scope="col">{rt('sr.col.station')}</th>
                  <th scope="col">{rt('sr.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={feed.rows()}>
                  {(a) => (
                    <tr data-app={a.id} data-status={a.status}>
                      <th scope="row">{a.name}</th>
                      <td data-label={rt('sr.col.phone')}>
                        <Show when={props.owner} fallback={a.phone}>
                          <a href={`tel:${a.phone}`}>{a.phone}</a>
                        </Show>
                      </td>
                      <td data-label={rt('sr.col.job')}>{title(a.jobId)}</td>
                      <td data-label={rt('sr.col.time')}>{formatClock(a.createdAt, props.day)}</td>
                      <td data-label={rt('sr.col.town')} classList={{ blank: !a.town }}>
                        {a.town ? a.town + (a.village ?? '') : '—'}
                      </td>
                      <td data-label={rt('sr.col.station')} classList={{ blank: !a.station }}>
                        {a.station?.name ?? '—'}
                      </td>
                      <td data-label={rt('sr.col.status')}>
                        <Show when={props.owner} fallback={<span class={`badge st-${a.status}`}>{t(`appStatus.${a.status}`)}</span>}>
                          <select
                            class={`status-select st-${a.status}`}
                            aria-label={rt('sr.statusOf', { name: a.name })}
                            disabled={feed.saving() === a.id}
                            onChange={(e) => void move(a, e.currentTarget)}
                          >
                            <option value="new" disabled selected={a.status === 'new'}>
                              {t('appStatus.new')}
                            </option>
                            <For each={MOVES}>
                              {(s) => (
                                <option value={s} selected={s === a.status}>
                                  {t(`appStatus.${s}`)}
                                </option>
                              )}
                            </For>
                          </select>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>
      <MoreButton next={feed.next()} loading={feed.loadingMore()} onMore={() => void feed.more()} />
    </section>
  )
}
