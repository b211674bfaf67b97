import { createSignal } from 'solid-js'
import { listAssistants, removeAssistant } from '../../lib/queries/assistants.ts'
import { createRowAction } from '../../lib/row-action.ts'
import { show } from '../../lib/errors.ts'
import { wt } from '../../lib/staff-words.ts'
import { createPaged } from '../../lib/paged.ts'
import { FormError } from '../../components/FormError.tsx'
import { Opener } from '../../components/Opener.tsx'
import { PagedGrid } from '../../components/PagedGrid.tsx'
import { AssistantForm } from './AssistantForm.tsx'

/** The company's 场控 assistants: add one, see them, remove one (it is signed out everywhere). */
export function AssistantsPanel(props: { canWrite: boolean }) {
  const list = createPaged(
    () => true as const,
    (_, cursor) => listAssistants(50, cursor),
  )
  const [adding, setAdding] = createSignal(false)
  const action = createRowAction()

  function remove(a: { id: string; name: string }) {
    if (!confirm(wt('assist.confirmRemove', { name: a.name }))) return
    return action.run(a.id, async () => {
      await removeAssistant(a.id)
      list.setItems((rows) => rows.filter((r) => r.id !== a.id))
    })
  }

  return (
    <section class="assistants">
      <p class="notice">{wt('assist.intro')}</p>
      <Opener label={wt('assist.new')} open={adding()} onOpen={() => setAdding(true)} disabled={!props.canWrite}>
        <AssistantForm
          onCreated={() => {
            setAdding(false)
            void list.reload()
          }}
          onCancel={() => setAdding(false)}
        />
      </Opener>
      <FormError message={show(action.problem())} />
      <PagedGrid list={list} empty={wt('assist.none')}>
        {(a) => (
          <article class="card assistant">
            <h3>{a.name}</h3>
            <p class="break">{a.email}</p>
            <div class="actions">
              <button type="button" class="danger" disabled={!props.canWrite || action.busy(a.id)} onClick={() => remove(a)}>
                {action.busy(a.id) ? wt('studio.working') : wt('assist.remove')}
              </button>
            </div>
          </article>
        )}
      </PagedGrid>
    </section>
  )
}
