from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='Todo',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=200)),
                ('done', fields.BooleanField(default=False)),
            ],
            options={'table': 'todo', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
